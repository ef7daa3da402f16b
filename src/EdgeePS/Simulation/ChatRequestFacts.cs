using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace EdgeePS.Simulation
{
    /// <summary>What the simulator reads from a chat completion request to shape its answer.</summary>
    internal sealed class ChatRequestFacts
    {
        private ChatRequestFacts(bool streams, bool includeUsage, string model, string lastUserMessage, int promptWords)
        {
            Streams = streams;
            IncludeUsage = includeUsage;
            Model = model;
            LastUserMessage = lastUserMessage;
            PromptWords = promptWords;
        }

        /// <summary>The body's <c>stream</c> is true: the answer goes out as an event stream.</summary>
        public bool Streams { get; }

        /// <summary><c>stream_options.include_usage</c> is true: a stream ends with a usage chunk.</summary>
        public bool IncludeUsage { get; }

        /// <summary>The model asked for; the gateway's default when the body names none.</summary>
        public string Model { get; }

        /// <summary>The content of the last user message, or empty.</summary>
        public string LastUserMessage { get; }

        /// <summary>Words in every message's content: the simulator's count of prompt tokens.</summary>
        public int PromptWords { get; }

        /// <summary>The facts of <paramref name="request"/>; null when its body is not a JSON object.</summary>
        public static ChatRequestFacts? Of(RecordedRequest request)
        {
            if (!(request.Json is JsonElement body) || body.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var model = body.TryGetProperty("model", out var modelElement) && modelElement.ValueKind == JsonValueKind.String
                ? modelElement.GetString()!
                : ChunkJson.DefaultModel;
            var includeUsage = body.TryGetProperty("stream_options", out var options) && options.ValueKind == JsonValueKind.Object && IsTrue(options, "include_usage");
            var messages = Messages(body).ToList();
            var lastUser = messages.LastOrDefault(message => message.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String && role.GetString() == "user");
            return new ChatRequestFacts(
                IsTrue(body, "stream"),
                includeUsage,
                model,
                lastUser.ValueKind == JsonValueKind.Object ? ContentText(lastUser) : string.Empty,
                messages.Sum(message => TextPieces.CountWords(ContentText(message))));
        }

        private static bool IsTrue(JsonElement element, string property) =>
            element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.True;

        private static IEnumerable<JsonElement> Messages(JsonElement body) =>
            body.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array
                ? messages.EnumerateArray().Where(message => message.ValueKind == JsonValueKind.Object)
                : Enumerable.Empty<JsonElement>();

        private static string ContentText(JsonElement message)
        {
            if (!message.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
            {
                return string.Empty;
            }

            return content.ValueKind == JsonValueKind.String ? content.GetString()! : content.GetRawText();
        }
    }
}
