using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace EdgeePS
{
    /// <summary>
    /// The typed form of a request: what a hashtable with the same keys says. Anything the gateway
    /// accepts that is not modelled here goes in <see cref="AdditionalProperties"/>.
    /// </summary>
    public sealed class ChatInput
    {
        public List<ChatMessage> Messages { get; set; } = new List<ChatMessage>();
        public List<ToolDefinition>? Tools { get; set; }

        /// <summary><c>none</c>, <c>auto</c>, <c>required</c>, or a <c>{type, function: {name}}</c> object.</summary>
        public object? ToolChoice { get; set; }

        public List<string>? Tags { get; set; }
        public string? CompressionModel { get; set; }
        public CompressionConfiguration? CompressionConfiguration { get; set; }
        public bool? EnableCompression { get; set; }
        public double? CompressionRate { get; set; }
        public int? MaxTokens { get; set; }
        public double? Temperature { get; set; }
        public double? TopP { get; set; }
        public StreamOptions? StreamOptions { get; set; }

        [JsonExtensionData]
        public IDictionary<string, object?> AdditionalProperties { get; set; } = new Dictionary<string, object?>();
    }
}
