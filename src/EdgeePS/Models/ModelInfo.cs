using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeePS
{
    /// <summary>A model the gateway offers (<c>GET /v1/models</c>).</summary>
    public sealed class ModelInfo
    {
        public string? Id { get; set; }
        public string? Object { get; set; }

        /// <summary>Unix seconds, as the gateway sends it.</summary>
        public long? Created { get; set; }

        public string? OwnedBy { get; set; }

        [JsonIgnore]
        public DateTimeOffset? CreatedAt => Created is long seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;

        [JsonExtensionData]
        public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

        public override string ToString() => Id ?? string.Empty;
    }
}
