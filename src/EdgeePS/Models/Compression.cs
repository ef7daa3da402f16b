using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeePS
{
    /// <summary>What the gateway's prompt compression saved. Both the current and the older shape are read.</summary>
    public sealed class Compression
    {
        public long? SavedTokens { get; set; }

        /// <summary>Micro-USD.</summary>
        public long? CostSavings { get; set; }

        /// <summary>Percent, 0 to 100.</summary>
        public double? Reduction { get; set; }

        public long? TimeMs { get; set; }

        /// <summary>Older shape.</summary>
        public long? InputTokens { get; set; }

        /// <summary>Older shape: 0 to 1.</summary>
        public double? Rate { get; set; }

        [JsonExtensionData]
        public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

        public override string ToString() => $"saved {SavedTokens} tokens";
    }
}
