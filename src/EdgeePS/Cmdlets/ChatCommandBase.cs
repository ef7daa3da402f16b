using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EdgeePS.Conversation;
using EdgeePS.Requests;
using EdgeePS.Settings;
using EdgeePS.Tools;
using EdgeePS.Transport;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// One chat turn per input object, sent whole or streamed: a request and, while the model calls tools given to
    /// -Tool, the calls run and the conversation sent again (<see cref="ChatTurn"/>). Invoke-EdgeeStream and
    /// Send-EdgeeCompletion -Stream run the very same code below.
    /// </summary>
    public abstract class ChatCommandBase : EdgeeCommandBase, IDisposable
    {
        private IReadOnlyList<object> _tools = Array.Empty<object>();
        private IEnumerator<TurnEvent>? _turn;

        /// <summary>The model id, e.g. gpt-5.2. Tab completes from the gateway's listing. Binds from a piped object's Model or Id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ArgumentCompleter(typeof(ModelCompleter))]
        public string Model { get; set; } = string.Empty;

        /// <summary>
        /// A prompt string, a hashtable or object with 'messages' (and optional tools, tags, ...), or an EdgeePS.ChatInput;
        /// from a piped object with a Prompt property (an Import-Csv row), that property.
        /// </summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Prompt")]
        [PromptFromProperty]
        public object? InputObject { get; set; }

        /// <summary>How long a stream may go without an event before it is abandoned; default 120.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? IdleTimeoutSec { get; set; }

        /// <summary>A system message put before the input's messages.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SystemPrompt { get; set; }

        /// <summary>Tags for this request (the body's 'tags').</summary>
        [Parameter]
        [ValidateNotNull]
        public string[]? Tag { get; set; }

        /// <summary>The most tokens the model may generate (the body's 'max_tokens').</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? MaxTokens { get; set; }

        /// <summary>Sampling temperature, 0 to 2.</summary>
        [Parameter]
        [ValidateRange(0.0, 2.0)]
        public double? Temperature { get; set; }

        /// <summary>The gateway's compression model, e.g. agentic, claude, opencode, cursor, codex.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CompressionModel { get; set; }

        /// <summary>Ask a stream for its token usage (a last chunk that carries it); the default unless the input sets stream_options. -IncludeUsage:$false opts out.</summary>
        [Parameter]
        public SwitchParameter IncludeUsage { get; set; }

        /// <summary>Commands the model may run: names, Get-Command results or New-EdgeeTool tools; OpenAI-shaped hashtables are definitions only.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public object[]? Tool { get; set; }

        /// <summary>The most rounds of tool calls in one turn; default 10.</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int MaximumToolRounds { get; set; } = 10;

        protected abstract bool Streaming { get; }

        private protected override ConnectionSettings ParameterSettings()
        {
            var settings = base.ParameterSettings();
            settings.IdleTimeout = IdleTimeoutSec is int seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            return settings;
        }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            try
            {
                // Found once, in the caller's session, before any request: a tool that cannot be made stops the command.
                _tools = ToolResolver.Resolve(this, Tool);
                ChatRequestBuilder.CheckTools(_tools, PowerShellValues.Unwrap);
            }
            catch (EdgeeException error)
            {
                ThrowTerminatingError(ErrorRecords.From(error, Tool));
            }
        }

        protected override void ProcessRecord()
        {
            ChatRequest request;
            try
            {
                request = ChatRequestBuilder.Build(Model, InputObject, Streaming, PowerShellValues.Unwrap, Additions());
            }
            catch (EdgeeException error)
            {
                WriteError(ErrorRecords.From(error, InputObject));
                return;
            }

            var target = new EdgeeRequestInfo("POST", Options.Endpoint.ChatCompletions, request.Model, request.Stream);
            try
            {
                Run(Turn(request), target);
            }
            catch (EdgeeException error)
            {
                WriteError(ErrorRecords.From(error, target));
            }
        }

        public void Dispose() => CloseTurn();

        private RequestAdditions Additions() => new RequestAdditions
        {
            SystemPrompt = SystemPrompt,
            Tags = Tag,
            MaxTokens = MaxTokens,
            Temperature = Temperature,
            CompressionModel = CompressionModel,
            IncludeUsage = MyInvocation.BoundParameters.ContainsKey(nameof(IncludeUsage)) ? IncludeUsage.IsPresent : (bool?)null,
            DefaultTags = Options.DefaultTags,
            Tools = _tools,
        };

        private ChatTurn Turn(ChatRequest request)
        {
            var tools = new ToolSet(_tools.OfType<ToolDefinition>(), request.ToolNames);
            var caller = tools.CanRun
                ? new ToolCaller(tools, new PowerShellToolRunner(this), new ToolOutputFormatter(PowerShellValues.Unwrap), Options.ApiKey)
                : null;
            return new ChatTurn(new EdgeeClient(Options), request, Options.Endpoint.ChatCompletions, caller, MaximumToolRounds, WriteVerbose, StopToken);
        }

        /// <summary>Writes what the turn reports as it happens; tools run inside MoveNext, so on this, the pipeline thread.</summary>
        private void Run(ChatTurn turn, EdgeeRequestInfo target)
        {
            _turn = turn.Run().GetEnumerator();
            try
            {
                while (UntilStopped(_turn, events => events.MoveNext()))
                {
                    var next = _turn.Current;
                    switch (next.Kind)
                    {
                        case TurnEventKind.Chunk:
                            WriteObject(next.Chunk);
                            break;
                        case TurnEventKind.StreamError:
                            WriteError(ErrorRecords.From(next.Error, target));
                            break;
                        case TurnEventKind.ToolInvocation:
                            Report(next.Invocation);
                            break;
                        case TurnEventKind.Response:
                            WriteObject(next.Response);
                            break;
                        case TurnEventKind.Failure:
                            // The response so far, with the tools that ran, is what a runbook wants to look at.
                            WriteError(ErrorRecords.From(next.Error, next.Response));
                            break;
                    }
                }
            }
            finally
            {
                // Also reached when a downstream Select-Object -First stops us mid-WriteObject: close the connection now.
                CloseTurn();
            }
        }

        // A command that failed is the runbook's business, not only the model's: say so as a warning.
        private void Report(ToolInvocation invocation)
        {
            if (invocation.Status == ToolInvocationStatus.Failed)
            {
                WriteWarning($"The tool call {invocation.CommandLine} failed: {invocation.Error}");
            }

            if (Streaming)
            {
                WriteObject(invocation);
            }
        }

        private void CloseTurn()
        {
            _turn?.Dispose();
            _turn = null;
        }
    }
}
