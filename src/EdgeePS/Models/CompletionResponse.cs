using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeePS
{
    /// <summary>A whole chat completion: as the gateway sent it, or joined from a stream's chunks by Join-EdgeeStream.</summary>
    public sealed class CompletionResponse
    {
        public string? Id { get; set; }
        public string? Object { get; set; }
        public long? Created { get; set; }
        public string? Model { get; set; }
        public List<CompletionChoice> Choices { get; set; } = new List<CompletionChoice>();
        public Usage? Usage { get; set; }
        public Compression? Compression { get; set; }

        /// <summary>The upstream provider that served the request (<c>X-Edgee-Provider</c>).</summary>
        [JsonIgnore]
        public string? Provider { get; set; }

        /// <summary>True when the gateway fell back to another provider (<c>X-Edgee-Fallback-Used: 1</c>).</summary>
        [JsonIgnore]
        public bool FallbackUsed { get; set; }

        /// <summary>
        /// False for an answer joined from a stream that did not reach its end (cut short, or ended by an error event):
        /// it holds what arrived. A whole answer from the gateway is always complete.
        /// </summary>
        [JsonIgnore]
        public bool IsComplete { get; set; } = true;

        /// <summary>Every tool call EdgeePS ran (or declined to run) for this answer, in order; empty when none.</summary>
        [JsonIgnore]
        public List<ToolInvocation> ToolInvocations { get; set; } = new List<ToolInvocation>();

        /// <summary>
        /// The whole conversation, ready to send again: the request's messages, each assistant message that asked for
        /// tools with one tool message per call, and this answer's message. Null for answers EdgeePS did not request.
        /// </summary>
        [JsonIgnore]
        public List<ChatMessage>? Messages { get; set; }

        /// <summary>
        /// The answer's JSON, parsed, when a structured answer was asked for (-JsonSchema, -Json, or the input's own
        /// <c>response_format</c>): an instance of the type given to -JsonSchema, otherwise [pscustomobject]s. Null when
        /// none was asked for, or the text is not valid JSON for it (an InvalidStructuredResponse error says why).
        /// </summary>
        [JsonIgnore]
        public object? Parsed { get; set; }

        [JsonExtensionData]
        public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

        /// <summary>Why the model declined to answer (the first choice's <c>refusal</c>); null when it answered.</summary>
        [JsonIgnore]
        public string? Refusal => Message?.Refusal;

        /// <summary>What made <see cref="Parsed"/> empty, for the command that writes the response to report.</summary>
        [JsonIgnore]
        internal EdgeeException? StructuredError { get; set; }

        [JsonIgnore]
        public ChatMessage? Message => Choices != null && Choices.Count > 0 ? Choices[0].Message : null;

        [JsonIgnore]
        public string Text => Message?.Content ?? string.Empty;

        /// <summary>The first choice's reasoning, apart from <see cref="Text"/>; empty (never null).</summary>
        [JsonIgnore]
        public string Reasoning => Message?.Reasoning ?? string.Empty;

        [JsonIgnore]
        public string? FinishReason => Choices != null && Choices.Count > 0 ? Choices[0].FinishReason : null;

        [JsonIgnore]
        public List<ToolCall>? ToolCalls => Message?.ToolCalls;

        public override string ToString() => Text;
    }
}
