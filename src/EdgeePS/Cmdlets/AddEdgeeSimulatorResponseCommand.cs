using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using EdgeePS.Serialization;
using EdgeePS.Simulation;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Queues the answer a simulator gives to its next chat request (first in, first out): text, tool calls,
    /// reasoning, an HTTP error, or a fault. The answer is shaped for the request that takes it: streamed when it
    /// streams, whole otherwise. Bad combinations are refused before anything is queued.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "EdgeeSimulatorResponse")]
    public sealed class AddEdgeeSimulatorResponseCommand : SimulatorCommandBase
    {
        private Func<RecordedRequest, ScriptedResponse> _respond = null!;
        private string _description = string.Empty;

        /// <summary>The answer's text: a chunk per word when streamed, the message content when whole. Several texts are several choices.</summary>
        [Parameter]
        [AllowEmptyString]
        [ValidateCount(1, 128)]
        public string[]? Text { get; set; }

        /// <summary>Tools the model asks for: each @{ name = ...; arguments = @{...} } (and optionally id).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public Hashtable[]? ToolCall { get; set; }

        /// <summary>Reasoning text sent before the answer (reasoning_content).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Reasoning { get; set; }

        /// <summary>The model declines, with this reason: the message's refusal (delta.refusal, a chunk per word, when streamed).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Refusal { get; set; }

        /// <summary>The model the answer reports; by default the one the request asked for.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Model { get; set; }

        /// <summary>The token counts the answer reports: @{ prompt = ...; completion = ... }.</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? Usage { get; set; }

        /// <summary>Milliseconds between one streamed chunk and the next.</summary>
        [Parameter]
        [ValidateRange(0, 60000)]
        public int? ChunkDelayMs { get; set; }

        /// <summary>Close the connection after this many chunks, without [DONE].</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? DropAfter { get; set; }

        /// <summary>Go silent for -StallSec after this many chunks.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? StallAfter { get; set; }

        /// <summary>How long -StallAfter goes silent, in seconds.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int? StallSec { get; set; }

        /// <summary>Send one event that is not JSON after this many chunks, then the rest.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? MalformedAfter { get; set; }

        /// <summary>Send an error event after this many chunks and end the stream there, without [DONE].</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? ErrorAfter { get; set; }

        /// <summary>Refuse the request with this HTTP status and the gateway's JSON error body.</summary>
        [Parameter]
        [ValidateRange(400, 599)]
        public int? Status { get; set; }

        /// <summary>The error's message; a sensible one for the status by default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ErrorMessage { get; set; }

        /// <summary>The error's code, e.g. usage_limit_exceeded; the gateway's usual one for the status by default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ErrorCode { get; set; }

        /// <summary>The error's type, e.g. provider_error; the gateway's usual one for the status by default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ErrorTypeCompleter))]
        public string? ErrorType { get; set; }

        /// <summary>Send a Retry-After header with this many seconds.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int? RetryAfterSec { get; set; }

        /// <summary>Answer 200 and put the error in the body: the first event of a stream, or the whole answer.</summary>
        [Parameter]
        public SwitchParameter InStream { get; set; }

        /// <summary>Queue the same answer this many times, for this many requests.</summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int Count { get; set; } = 1;

        protected override void BeginProcessing()
        {
            try
            {
                if (Status is int status)
                {
                    var refusal = GatewayRefusal(status);
                    _respond = refusal.RespondTo;
                    _description = $"a {status} refusal ({refusal.ErrorType}{(InStream ? ", in a 200 body" : string.Empty)})";
                }
                else
                {
                    var answer = Answer();
                    _respond = answer.RespondTo;
                    _description = $"an answer of {answer.ChunkCount} chunk(s) when streamed";
                }
            }
            catch (EdgeeException error)
            {
                ThrowTerminatingError(ErrorRecords.From(error, null));
            }
        }

        protected override void ProcessRecord()
        {
            if (!Simulator.Running)
            {
                WriteError(new ErrorRecord(
                    new EdgeeException(SimulatorErrorIds.SimulatorStopped, $"The simulator at {Simulator.BaseUrl} has stopped; start another with Start-EdgeeSimulator."),
                    SimulatorErrorIds.SimulatorStopped,
                    ErrorCategory.InvalidOperation,
                    Simulator));
                return;
            }

            for (var index = 0; index < Count; index++)
            {
                Simulator.Gateway.Enqueue(_respond);
            }

            WriteVerbose($"Queued {_description}{(Count > 1 ? $", {Count} times," : string.Empty)} on the simulator at {Simulator.BaseUrl}.");
        }

        private SimulatedRefusal GatewayRefusal(int status)
        {
            var answerParameters = Given(
                ("Text", Text != null), ("ToolCall", ToolCall != null), ("Reasoning", Reasoning != null), ("Refusal", Refusal != null), ("Model", Model != null),
                ("Usage", Usage != null), ("ChunkDelayMs", ChunkDelayMs != null), ("DropAfter", DropAfter != null),
                ("StallAfter", StallAfter != null), ("StallSec", StallSec != null), ("MalformedAfter", MalformedAfter != null),
                ("ErrorAfter", ErrorAfter != null));
            if (answerParameters.Length > 0)
            {
                throw new EdgeeException(SimulatorErrorIds.StatusConflictsWithAnswer,
                    $"-Status makes the simulator refuse the request, so it takes no {string.Join(", ", answerParameters)}. Queue the refusal and the answer as two responses.");
            }

            return new SimulatedRefusal(status, ErrorType, ErrorMessage, ErrorCode, RetryAfterSec, InStream);
        }

        private SimulatedAnswer Answer()
        {
            // An error event mid-stream takes a message, code and type too; only a refusal has a status line to send them with.
            var errorEvent = ErrorAfter.HasValue;
            var refusalParameters = Given(
                ("ErrorMessage", ErrorMessage != null && !errorEvent), ("ErrorCode", ErrorCode != null && !errorEvent), ("ErrorType", ErrorType != null && !errorEvent),
                ("RetryAfterSec", RetryAfterSec != null), ("InStream", InStream.IsPresent));
            if (refusalParameters.Length > 0)
            {
                throw new EdgeeException(SimulatorErrorIds.StatusMissing,
                    $"{string.Join(", ", refusalParameters)} describe a refusal: add -Status with the HTTP status it stands for, e.g. -Status 429" +
                    (errorEvent ? "." : ", or -ErrorAfter for an error event after some chunks."));
            }

            if (Text is null && ToolCall is null && Refusal is null)
            {
                throw new EdgeeException(SimulatorErrorIds.ResponseMissing,
                    "Say what the simulator answers: -Text, -ToolCall (or both), -Refusal for a model that declines, or -Status for a gateway that refuses.");
            }

            if (StallAfter.HasValue != StallSec.HasValue)
            {
                throw new EdgeeException(SimulatorErrorIds.StallParametersIncomplete,
                    StallAfter.HasValue
                        ? "-StallAfter needs -StallSec: how many seconds the stream goes silent."
                        : "-StallSec needs -StallAfter: after how many chunks the stream goes silent.");
            }

            var answer = new SimulatedAnswer
            {
                Texts = Text?.Select(text => text ?? string.Empty).ToArray() ?? new[] { string.Empty },
                Reasoning = Reasoning,
                Refusal = Refusal,
                ToolCalls = ToolCalls(),
                Model = Model,
                ChunkDelay = TimeSpan.FromMilliseconds(ChunkDelayMs ?? 0),
                Faults = new StreamFaults
                {
                    DropAfter = DropAfter,
                    StallAfter = StallAfter,
                    StallFor = TimeSpan.FromSeconds(StallSec ?? 0),
                    MalformedAfter = MalformedAfter,
                    ErrorAfter = ErrorAfter,
                    Error = new SimulatedRefusal(500, ErrorType, ErrorMessage, ErrorCode, null, inStream: true),
                },
            };
            (answer.PromptTokens, answer.CompletionTokens) = TokenCounts();
            CheckFaultPositions(answer.ChunkCount);
            return answer;
        }

        private void CheckFaultPositions(int chunks)
        {
            var ends = new[] { ("DropAfter", DropAfter, "closed the connection"), ("ErrorAfter", ErrorAfter, "ended the stream") };
            foreach (var (name, position) in new[] { ("DropAfter", DropAfter), ("StallAfter", StallAfter), ("MalformedAfter", MalformedAfter), ("ErrorAfter", ErrorAfter) })
            {
                if (position > chunks)
                {
                    throw new EdgeeException(SimulatorErrorIds.FaultBeyondAnswer,
                        $"-{name} {position} is past the end of this answer, which streams {chunks} chunk(s) (for each choice the role chunk, the reasoning and the text a chunk per word, each tool call's name and argument pieces, the first choice's refusal a chunk per word, the finish chunk): use 0 to {chunks}.");
                }

                foreach (var (endName, end, ended) in ends)
                {
                    if (name != endName && position > end)
                    {
                        throw new EdgeeException(SimulatorErrorIds.FaultBeyondAnswer, $"-{name} {position} comes after -{endName} {end} has {ended}.");
                    }
                }
            }
        }

        private IReadOnlyList<SimulatedToolCall> ToolCalls()
        {
            var calls = new List<SimulatedToolCall>();
            foreach (var entry in ToolCall ?? Array.Empty<Hashtable>())
            {
                var number = calls.Count + 1;
                string? name = null;
                string? id = null;
                var arguments = "{}";
                foreach (DictionaryEntry field in entry)
                {
                    var key = Convert.ToString(PowerShellValues.Unwrap(field.Key), CultureInfo.InvariantCulture);
                    var value = field.Value is null ? null : PowerShellValues.Unwrap(field.Value);
                    switch (key?.ToLowerInvariant())
                    {
                        case "name":
                            name = value as string;
                            break;
                        case "id":
                            id = value as string;
                            break;
                        case "arguments":
                            arguments = ArgumentsJson(value, number);
                            break;
                        default:
                            throw new EdgeeException(SimulatorErrorIds.InvalidToolCall,
                                $"Tool call {number} has a key '{key}'; a tool call takes name, arguments and id.");
                    }
                }

                if (string.IsNullOrEmpty(name))
                {
                    throw new EdgeeException(SimulatorErrorIds.InvalidToolCall, $"Tool call {number} has no name: @{{ name = 'get_service_status'; arguments = @{{ unit = 'nginx' }} }}.");
                }

                calls.Add(new SimulatedToolCall(string.IsNullOrEmpty(id) ? "call_" + number.ToString(CultureInfo.InvariantCulture) : id!, name!, arguments));
            }

            return calls;
        }

        /// <summary>A string is sent as it is (so a test can send arguments that are not JSON); anything else as its JSON.</summary>
        private static string ArgumentsJson(object? value, int number)
        {
            if (value is string text)
            {
                return text;
            }

            try
            {
                return JsonTreeBuilder.ToNode(value, PowerShellValues.Unwrap)?.ToJsonString(ReadableJson.Options) ?? "null";
            }
            catch (EdgeeException error)
            {
                throw new EdgeeException(SimulatorErrorIds.InvalidToolCall, $"The arguments of tool call {number} cannot be JSON: {error.Message}", error);
            }
        }

        private (int? Prompt, int? Completion) TokenCounts()
        {
            int? prompt = null;
            int? completion = null;
            foreach (DictionaryEntry field in Usage ?? new Hashtable())
            {
                var key = Convert.ToString(PowerShellValues.Unwrap(field.Key), CultureInfo.InvariantCulture);
                var count = TokenCount(key, field.Value);
                switch (key?.ToLowerInvariant())
                {
                    case "prompt":
                        prompt = count;
                        break;
                    case "completion":
                        completion = count;
                        break;
                    default:
                        throw new EdgeeException(SimulatorErrorIds.InvalidUsage, $"-Usage has a key '{key}'; it takes prompt and completion.");
                }
            }

            return (prompt, completion);
        }

        private static int TokenCount(string? key, object? value)
        {
            try
            {
                var count = Convert.ToInt32(value is null ? null : PowerShellValues.Unwrap(value), CultureInfo.InvariantCulture);
                if (count >= 0 && value != null)
                {
                    return count;
                }
            }
            catch (Exception error) when (error is FormatException || error is InvalidCastException || error is OverflowException)
            {
                // Reported below with the other bad values.
            }

            throw new EdgeeException(SimulatorErrorIds.InvalidUsage, $"-Usage {key} = '{value}' is not a token count (a whole number, 0 or more).");
        }

        private static string[] Given(params (string Name, bool IsGiven)[] parameters) =>
            parameters.Where(parameter => parameter.IsGiven).Select(parameter => "-" + parameter.Name).ToArray();
    }
}
