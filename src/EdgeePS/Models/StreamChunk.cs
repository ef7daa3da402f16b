using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeePS.Streaming;

namespace EdgeePS
{
    /// <summary>One server-sent event of a streamed chat completion (<c>chat.completion.chunk</c>).</summary>
    public sealed class StreamChunk
    {
        public string? Id { get; set; }
        public string? Object { get; set; }
        public long? Created { get; set; }
        public string? Model { get; set; }
        public List<StreamChoice> Choices { get; set; } = new List<StreamChoice>();
        public Usage? Usage { get; set; }
        public Compression? Compression { get; set; }

        /// <summary>Fields the gateway sent that this version does not model, kept so scripts can still reach them.</summary>
        [JsonExtensionData]
        public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

        /// <summary>The content of the first choice's delta; empty (never null) so text can always be joined.</summary>
        [JsonIgnore]
        public string Text => FirstChoice?.Delta?.Content ?? string.Empty;

        /// <summary>The reasoning of the first choice's delta, apart from <see cref="Text"/>; empty (never null).</summary>
        [JsonIgnore]
        public string Reasoning => FirstChoice?.Delta?.Reasoning ?? string.Empty;

        [JsonIgnore]
        public string? Role => FirstChoice?.Delta?.Role;

        [JsonIgnore]
        public string? FinishReason => FirstChoice?.FinishReason;

        /// <summary>
        /// The answer this chunk is part of, set by the command that streamed it. Internal, so PowerShell never shows
        /// it, yet chunks saved in a variable still carry it to Join-EdgeeStream.
        /// </summary>
        [JsonIgnore]
        internal StreamAnswer? Answer { get; set; }

        /// <summary>
        /// What tells this chunk's answer from the next one's: its <see cref="Answer"/>, else (for chunks made
        /// elsewhere) its id; null when neither tells, which means "the same answer as the chunk before".
        /// </summary>
        [JsonIgnore]
        internal object? AnswerKey => (object?)Answer ?? (string.IsNullOrEmpty(Id) ? null : Id);

        private StreamChoice? FirstChoice => Choices != null && Choices.Count > 0 ? Choices[0] : null;

        public override string ToString() => Text;
    }
}
