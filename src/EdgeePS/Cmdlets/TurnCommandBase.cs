using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using EdgeePS.Batch;
using EdgeePS.Conversation;
using EdgeePS.Requests;
using EdgeePS.Settings;
using EdgeePS.Structured;
using EdgeePS.Tools;
using EdgeePS.Transport;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// What every command that holds an exchange with the model shares (Invoke-EdgeeStream, Send-EdgeeCompletion,
    /// Enter-EdgeeChat): the request fields given as parameters, the tools the model may run, and running one
    /// <see cref="ChatTurn"/> on the pipeline thread, its stream closed however the command ends.
    /// </summary>
    public abstract class TurnCommandBase : EdgeeCommandBase, IDisposable
    {
        private IReadOnlyList<object> _tools = Array.Empty<object>();
        private IEnumerator<TurnEvent>? _turn;

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

        /// <summary>Commands the model may run: names, Get-Command results or New-EdgeeTool tools; OpenAI-shaped hashtables are definitions only.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public object[]? Tool { get; set; }

        /// <summary>The most rounds of tool calls in one turn; default 10.</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int MaximumToolRounds { get; set; } = 10;

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

        public virtual void Dispose() => CloseTurn();

        /// <summary>The request fields the parameters give; a caller adds what is its own (history, context, format).</summary>
        private protected RequestAdditions Additions() => new RequestAdditions
        {
            SystemPrompt = SystemPrompt,
            Tags = Tag,
            MaxTokens = MaxTokens,
            Temperature = Temperature,
            CompressionModel = CompressionModel,
            DefaultTags = Options.DefaultTags,
            Tools = _tools,
        };

        /// <param name="accumulate">End a streamed turn with its final response too (see <see cref="ChatTurn"/>).</param>
        /// <param name="prefetched">The first request's answer, sent ahead by a batch (-ThrottleLimit).</param>
        private protected ChatTurn Turn(ChatRequest request, StructuredFormat? format, bool accumulate, CancellationToken stop, PrefetchedAnswer? prefetched = null)
        {
            var tools = new ToolSet(_tools.OfType<ToolDefinition>(), request.ToolNames);
            var caller = tools.CanRun
                ? new ToolCaller(tools, new PowerShellToolRunner(this), new ToolOutputFormatter(PowerShellValues.Unwrap), Options.ApiKey)
                : null;
            return new ChatTurn(new EdgeeClient(Options), request, Options.Endpoint.ChatCompletions, caller, MaximumToolRounds, WriteVerbose, stop, format, accumulate, prefetched);
        }

        /// <summary>Hands each event of the turn to <paramref name="handle"/> as it happens; tools run inside MoveNext, so on this, the pipeline thread.</summary>
        private protected void Run(ChatTurn turn, Action<TurnEvent> handle)
        {
            _turn = turn.Run().GetEnumerator();
            try
            {
                while (UntilStopped(_turn, events => events.MoveNext()))
                {
                    handle(_turn.Current);
                }
            }
            finally
            {
                // Also reached when a downstream Select-Object -First stops us mid-WriteObject: close the connection now.
                CloseTurn();
            }
        }

        /// <summary>A command that failed is the runbook's business, not only the model's: said as a warning.</summary>
        private protected void WarnIfFailed(ToolInvocation invocation)
        {
            if (invocation.Status == ToolInvocationStatus.Failed)
            {
                WriteWarning($"The tool call {invocation.CommandLine} failed: {invocation.Error}");
            }
        }

        private void CloseTurn()
        {
            _turn?.Dispose();
            _turn = null;
        }
    }
}
