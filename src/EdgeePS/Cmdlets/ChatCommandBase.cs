using System;
using System.Diagnostics;
using System.Management.Automation;
using EdgeePS.Requests;
using EdgeePS.Settings;
using EdgeePS.Streaming;
using EdgeePS.Transport;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// One chat request per input object, sent whole or streamed. Invoke-EdgeeStream and
    /// Send-EdgeeCompletion -Stream run the very same code below.
    /// </summary>
    public abstract class ChatCommandBase : EdgeeCommandBase, IDisposable
    {
        private StreamReadAhead? _openStream;

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

        protected abstract bool Streaming { get; }

        private protected override ConnectionSettings ParameterSettings()
        {
            var settings = base.ParameterSettings();
            settings.IdleTimeout = IdleTimeoutSec is int seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            return settings;
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
            WriteVerbose($"POST {target.Uri}: model {request.Model}, {request.MessageCount} message(s), {(request.Stream ? "streamed" : "whole")}.");
            try
            {
                if (request.Stream)
                {
                    Stream(request, target);
                }
                else
                {
                    Send(request);
                }
            }
            catch (EdgeeException error)
            {
                WriteError(ErrorRecords.From(error, target));
            }
        }

        public void Dispose() => CloseStream();

        private RequestAdditions Additions() => new RequestAdditions
        {
            SystemPrompt = SystemPrompt,
            Tags = Tag,
            MaxTokens = MaxTokens,
            Temperature = Temperature,
            CompressionModel = CompressionModel,
            IncludeUsage = MyInvocation.BoundParameters.ContainsKey(nameof(IncludeUsage)) ? IncludeUsage.IsPresent : (bool?)null,
            DefaultTags = Options.DefaultTags,
        };

        private void Send(ChatRequest request)
        {
            var clock = Stopwatch.StartNew();
            var completion = UntilStopped(new EdgeeClient(Options), client => client.Complete(request, StopToken));
            WriteVerbose($"Completion received in {clock.ElapsedMilliseconds} ms{ProviderNote(completion.Provider, completion.FallbackUsed)}.");
            WriteObject(completion);
        }

        private void Stream(ChatRequest request, EdgeeRequestInfo target)
        {
            var clock = Stopwatch.StartNew();
            var chunks = 0;
            try
            {
                var stream = UntilStopped(new EdgeeClient(Options), client => client.OpenStream(request, StopToken));
                _openStream = new StreamReadAhead(stream);
                WriteVerbose($"Stream opened in {clock.ElapsedMilliseconds} ms{ProviderNote(stream.Provider, stream.FallbackUsed)}.");
                var answer = new StreamAnswer(stream.Provider, stream.FallbackUsed);
                var errorEvent = false;
                while (UntilStopped(_openStream, reader => reader.Take()) is StreamEvent next)
                {
                    if (next.Chunk is StreamChunk chunk)
                    {
                        if (++chunks == 1)
                        {
                            WriteVerbose($"First chunk after {clock.ElapsedMilliseconds} ms.");
                        }

                        chunk.Answer = answer;
                        WriteObject(chunk);
                    }
                    else
                    {
                        errorEvent |= next.Kind == StreamEventKind.GatewayError;
                        WriteError(ErrorRecords.From(next.Error!, target));
                    }
                }

                // A fault thrown above (cut short, idle) leaves the answer incomplete too: Join-EdgeeStream says so.
                if (!errorEvent)
                {
                    answer.Complete();
                }

                WriteVerbose($"Stream complete: {chunks} chunk(s) in {clock.ElapsedMilliseconds} ms.");
            }
            finally
            {
                // Also reached when a downstream Select-Object -First stops us mid-WriteObject: close the connection now.
                CloseStream();
            }
        }

        private void CloseStream()
        {
            _openStream?.Dispose();
            _openStream = null;
        }

        private static string ProviderNote(string? provider, bool fallbackUsed) =>
            (provider is null ? string.Empty : $", served by {provider}") + (fallbackUsed ? " (fallback)" : string.Empty);
    }
}
