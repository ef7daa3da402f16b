using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using EdgeePS.Streaming;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Joins streamed chunks into whole answers: one CompletionResponse per streamed answer, the same as
    /// Send-EdgeeCompletion returns, a structured answer read into Parsed as there. Each answer is written once the
    /// next one begins or the input ends.
    /// </summary>
    [Cmdlet(VerbsCommon.Join, "EdgeeStream")]
    [OutputType(typeof(CompletionResponse))]
    public sealed class JoinEdgeeStreamCommand : PSCmdlet
    {
        private const string DeserializedPrefix = "Deserialized.";

        private readonly StreamJoiner _joiner = new StreamJoiner();

        /// <summary>A StreamChunk from Invoke-EdgeeStream or Send-EdgeeCompletion -Stream; a CompletionResponse passes through, a ToolInvocation is part of its turn.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public object? InputObject { get; set; }

        protected override void ProcessRecord() => Take(InputObject);

        protected override void EndProcessing() => Write(_joiner.Finish());

        private void Take(object? input)
        {
            switch (input is PSObject wrapped ? wrapped.BaseObject : input)
            {
                case StreamChunk chunk:
                    Write(_joiner.Add(chunk));
                    break;
                case ToolInvocation _:
                    // Already part of the turn its chunks belong to: the joined response lists it in ToolInvocations.
                    break;
                case CompletionResponse _:
                    // Already whole (Send-EdgeeCompletion without -Stream): it takes its place among the joined answers.
                    Write(_joiner.Finish());
                    WriteObject(input);
                    break;
                case IEnumerable items when !(items is string) && !(items is IDictionary):
                    // Join-EdgeeStream $chunks: saved chunks given as an argument rather than piped.
                    foreach (var item in items)
                    {
                        Take(item);
                    }

                    break;
                default:
                    WriteError(ErrorRecords.From(new EdgeeException(EdgeeErrorIds.InputTypeNotSupported, Unsupported(input)), input));
                    break;
            }
        }

        private void Write(CompletionResponse? response)
        {
            if (response is null)
            {
                return;
            }

            var choices = response.Choices.Count == 1 ? string.Empty : $", {response.Choices.Count} choices";
            var outcome = response.IsComplete ? "complete" : "incomplete: its stream ended early";
            var tools = response.ToolInvocations.Count == 0 ? string.Empty : $", after {response.ToolInvocations.Count} tool call(s)";
            WriteVerbose($"Joined answer {(string.IsNullOrEmpty(response.Id) ? "without an id" : response.Id)}{choices}{tools} ({outcome}).");
            WriteObject(response);
            // A structured answer (-JsonSchema, -Json) that could not be read: the response holds its text, the error why.
            if (response.StructuredError is EdgeeException problem)
            {
                WriteError(ErrorRecords.From(problem, response));
            }
        }

        // A job or remote session sends chunks back as property bags cut off below the first level: the deltas are gone.
        private static string Unsupported(object? input)
        {
            var typeName = (input as PSObject)?.TypeNames.FirstOrDefault() ?? input?.GetType().FullName ?? "null";
            return typeName.StartsWith(DeserializedPrefix + typeof(StreamChunk).FullName, StringComparison.Ordinal)
                ? $"A {typeName} (a copy from a job or remote session) no longer holds its deltas: join where the stream runs, e.g. Start-Job {{ Invoke-EdgeeStream ... | Join-EdgeeStream }}."
                : $"Join-EdgeeStream joins EdgeePS.StreamChunk objects from Invoke-EdgeeStream or Send-EdgeeCompletion -Stream; it got a {typeName}.";
        }
    }
}
