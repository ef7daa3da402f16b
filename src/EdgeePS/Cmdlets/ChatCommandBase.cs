using System;
using System.Globalization;
using System.Management.Automation;
using System.Text.Json;
using EdgeePS.Batch;
using EdgeePS.Conversation;
using EdgeePS.Requests;
using EdgeePS.Structured;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// One chat turn per input object, sent whole or streamed (<see cref="TurnCommandBase"/>); or, in the Context
    /// parameter sets (the model and the prompt on the command line, objects piped in), one turn for the prompt with
    /// everything piped in as its context, sent once the input has ended. With -Chat each turn goes on the chat's
    /// conversation and, once answered, is added to it; with -JsonSchema or -Json the answer is read as JSON.
    /// Invoke-EdgeeStream and Send-EdgeeCompletion declare their parameter sets (and so -Model, -InputObject and the
    /// context parameters) each for itself, and run the very same code below.
    /// </summary>
    public abstract class ChatCommandBase : TurnCommandBase
    {
        private StructuredFormat? _format;
        private PipelineContext? _context;

        /// <summary>The model id, e.g. gpt-5.2. Tab completes from the gateway's listing. Binds from a piped object's Model or Id.</summary>
        public abstract string Model { get; set; }

        /// <summary>
        /// A prompt string, a hashtable or object with 'messages' (and optional tools, tags, ...), or an EdgeePS.ChatInput;
        /// from a piped object with a Prompt property (an Import-Csv row), that property.
        /// </summary>
        public abstract object? InputObject { get; set; }

        /// <summary>An object piped in as context for the prompt (the Context parameter sets only).</summary>
        public abstract object? Context { get; set; }

        /// <summary>How the context is written for the model: as PowerShell shows it (Text), or as JSON.</summary>
        public abstract ContextFormat ContextFormat { get; set; }

        /// <summary>The most characters of context a request may carry.</summary>
        public abstract int MaximumContextLength { get; set; }

        /// <summary>Ask a stream for its token usage (a last chunk that carries it); the default unless the input sets stream_options. -IncludeUsage:$false opts out.</summary>
        [Parameter]
        public SwitchParameter IncludeUsage { get; set; }

        /// <summary>A conversation (New-EdgeeChat) to go on with: its messages are sent first, and the answered turn is added to it.</summary>
        [Parameter]
        [ValidateNotNull]
        public Chat? Chat { get; set; }

        /// <summary>Ask for JSON that fits this schema: a class or .NET type, a JSON Schema as a hashtable, or JSON text.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? JsonSchema { get; set; }

        /// <summary>Ask for a JSON object, without a schema.</summary>
        [Parameter]
        public SwitchParameter Json { get; set; }

        protected abstract bool Streaming { get; }

        /// <summary>True in the parameter sets in which piped objects are the prompt's context.</summary>
        protected abstract bool TakesContext { get; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            try
            {
                _format = RequestedFormat();
            }
            catch (EdgeeException error)
            {
                ThrowTerminatingError(ErrorRecords.From(error, JsonSchema));
            }

            if (_format != null)
            {
                WriteVerbose($"Asking for {_format.Description}{(_format.NotStrictBecause is string why ? $", without strict mode ({why})" : string.Empty)}.");
            }
        }

        protected override void ProcessRecord()
        {
            if (!TakesContext)
            {
                Send(null);
                return;
            }

            try
            {
                (_context ??= new PipelineContext(MaximumContextLength)).Add(Context);
            }
            catch (EdgeeException error)
            {
                // Ends the command, and with it what pipes in: reading the rest of a huge file would be for nothing.
                ThrowTerminatingError(ErrorRecords.From(error, null));
            }
        }

        protected override void EndProcessing()
        {
            if (!TakesContext)
            {
                return;
            }

            // Nothing may have been piped in at all (an empty file): then no record was processed.
            _context ??= new PipelineContext(MaximumContextLength);
            string text;
            try
            {
                text = _context.Render(ContextFormat, this);
            }
            catch (EdgeeException error)
            {
                ThrowTerminatingError(ErrorRecords.From(error, null));
                return;
            }

            if (_context.Count == 0)
            {
                WriteVerbose("No context was piped in: the prompt goes alone.");
                Send(null);
                return;
            }

            WriteVerbose(string.Format(
                CultureInfo.InvariantCulture,
                "Context: {0:N0} object(s), {1:N0} characters as {2}, before the prompt in its user message.",
                _context.Count,
                text.Length,
                ContextFormat == ContextFormat.Json ? "JSON lines" : "text"));
            Send(text);
        }

        /// <summary>One turn for the input, with <paramref name="context"/> before its prompt when there is any.</summary>
        private void Send(string? context)
        {
            ChatRequest request;
            try
            {
                request = BuildRequest(context);
            }
            catch (EdgeeException error)
            {
                WriteError(ErrorRecords.From(error, InputObject));
                return;
            }

            Answer(request, null);
        }

        /// <summary>The request for the current input, with <paramref name="context"/> before its prompt when there is any.</summary>
        /// <exception cref="EdgeeException">The input cannot make a request.</exception>
        private protected ChatRequest BuildRequest(string? context) =>
            ChatRequestBuilder.Build(Model, InputObject, Streaming, PowerShellValues.Unwrap, Additions(context));

        /// <summary>One turn for <paramref name="request"/>, each event written as it comes; <paramref name="prefetched"/> is its first answer if a batch sent it ahead.</summary>
        private protected void Answer(ChatRequest request, PrefetchedAnswer? prefetched)
        {
            var historyCount = Chat?.Messages.Count ?? 0;
            var target = new EdgeeRequestInfo("POST", Options.Endpoint.ChatCompletions, request.Model, request.Stream);
            var format = _format ?? StructuredFormat.FromRequest(request.ResponseFormat, JsonToPowerShell.Convert);
            // A stream cut short or an error event before the end: the turn is not answered, and the chat stays as it was.
            var failed = false;
            try
            {
                Run(Turn(request, format, accumulate: Chat != null, StopToken, prefetched), next =>
                {
                    switch (next.Kind)
                    {
                        case TurnEventKind.Chunk:
                            WriteObject(next.Chunk);
                            break;
                        case TurnEventKind.StreamError:
                            failed = true;
                            WriteError(ErrorRecords.From(next.Error, target));
                            break;
                        case TurnEventKind.ToolInvocation:
                            WarnIfFailed(next.Invocation);
                            if (Streaming)
                            {
                                WriteObject(next.Invocation);
                            }

                            break;
                        case TurnEventKind.Response:
                            // The turn is answered in full: it goes on the chat before it is written, as a downstream
                            // Select-Object -First stops this command inside WriteObject.
                            if (Chat != null && !failed && next.Response!.IsComplete)
                            {
                                Chat.Append(next.Response, historyCount, SystemPrompt != null);
                                WriteVerbose($"The chat has {Chat.Messages.Count} message(s).");
                            }

                            if (!Streaming)
                            {
                                WriteResponse(next.Response!);
                            }

                            break;
                        case TurnEventKind.Failure:
                            failed = true;
                            // The response so far, with the tools that ran, is what a runbook wants to look at.
                            WriteError(ErrorRecords.From(next.Error, next.Response));
                            break;
                    }
                });
            }
            catch (EdgeeException error)
            {
                WriteError(ErrorRecords.From(error, target));
                return;
            }
        }

        // A structured answer that could not be read still goes out, with its text; the error says why Parsed is empty.
        private void WriteResponse(CompletionResponse response)
        {
            WriteObject(response);
            if (response.StructuredError is EdgeeException problem)
            {
                WriteError(ErrorRecords.From(problem, response));
            }
        }

        private RequestAdditions Additions(string? context)
        {
            var additions = Additions();
            additions.IncludeUsage = MyInvocation.BoundParameters.ContainsKey(nameof(IncludeUsage)) ? IncludeUsage.IsPresent : (bool?)null;
            additions.History = Chat?.Messages ?? additions.History;
            additions.Context = context;
            additions.ResponseFormat = _format?.ResponseFormat;
            additions.ResponseFormatParameter = Json ? nameof(Json) : nameof(JsonSchema);
            return additions;
        }

        private StructuredFormat? RequestedFormat()
        {
            if (Json && JsonSchema != null)
            {
                throw new EdgeeException(EdgeeErrorIds.ConflictingParameters, "-Json asks for any JSON object and -JsonSchema for one that fits a schema: give one of them.");
            }

            if (Json)
            {
                return StructuredFormat.ForJson(JsonToPowerShell.Convert);
            }

            switch (JsonSchema is PSObject wrapped ? wrapped.BaseObject : JsonSchema)
            {
                case null:
                    return null;
                case Type type:
                    return StructuredFormat.ForType(type);
                case string text when !text.TrimStart().StartsWith("{", StringComparison.Ordinal):
                    // A type's name, as -JsonSchema Alert; JSON text starts with a brace.
                    return LanguagePrimitives.TryConvertTo(text, out Type? named) && named != null
                        ? StructuredFormat.ForType(named)
                        : throw new EdgeeException(EdgeeErrorIds.InvalidJsonSchema, $"-JsonSchema '{text}' is neither JSON text nor the name of a type: give a class, e.g. -JsonSchema ([Alert]), or a schema.");
                case object schema:
                    return StructuredFormat.ForSchema(schema, PowerShellValues.Unwrap, JsonToPowerShell.Convert);
            }
        }
    }
}
