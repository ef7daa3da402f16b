using System.Collections.Generic;
using System.Text.Json.Serialization;
using EdgeePS.Serialization;

namespace EdgeePS
{
    /// <summary>A chat message: what a request sends, what a completion returns, and what a stream delta adds.</summary>
    public sealed class ChatMessage
    {
        private string? _reasoningContent;
        private string? _reasoningAlias;

        public ChatMessage()
        {
        }

        public ChatMessage(string role, string? content)
        {
            Role = role;
            Content = content;
        }

        public string? Role { get; set; }
        public string? Content { get; set; }
        public string? Name { get; set; }
        public string? ToolCallId { get; set; }
        public List<ToolCall>? ToolCalls { get; set; }

        /// <summary>
        /// Why the model declined to answer, instead of <see cref="Content"/>: providers that hold a model to a JSON
        /// schema (<c>response_format</c>) send <c>refusal</c> (<c>delta.refusal</c> when streamed) when it will not comply.
        /// </summary>
        public string? Refusal { get; set; }

        /// <summary>
        /// What a reasoning model thought before it answered, apart from <see cref="Content"/>. Providers name it
        /// <c>reasoning_content</c> or <c>reasoning</c>; both are read. Never sent back in a request: some
        /// providers reject it there.
        /// </summary>
        [JsonIgnore]
        public string? Reasoning
        {
            get => _reasoningContent ?? _reasoningAlias;
            set
            {
                _reasoningContent = value;
                _reasoningAlias = null;
            }
        }

        // Some servers send both names with the same text: reasoning_content wins rather than the two being joined.
        [JsonInclude]
        [JsonPropertyName("reasoning_content")]
        [JsonConverter(typeof(LenientStringConverter))]
        internal string? ReasoningContent
        {
            get => _reasoningContent;
            set => _reasoningContent = value;
        }

        [JsonInclude]
        [JsonPropertyName("reasoning")]
        [JsonConverter(typeof(LenientStringConverter))]
        internal string? ReasoningAlias
        {
            get => _reasoningAlias;
            set => _reasoningAlias = value;
        }

        public override string ToString() => Content ?? string.Empty;
    }
}
