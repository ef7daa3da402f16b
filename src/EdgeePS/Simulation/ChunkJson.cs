using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace EdgeePS.Simulation
{
    /// <summary>
    /// The JSON text of what the gateway sends: stream chunks, their deltas, whole completions and usage, in the
    /// field order and shape of the protocol. Strings go through <see cref="JsonText"/>, so multi-byte characters
    /// stay raw on the wire.
    /// </summary>
    internal static class ChunkJson
    {
        public const long Created = 1700000000;
        public const string DefaultModel = "gpt-5.2";
        public const string DefaultId = "chatcmpl-1";

        /// <summary>A <c>chat.completion.chunk</c> with one choice: the first, unless <paramref name="index"/> says another.</summary>
        public static string Chunk(string deltaJson, string? finishReason, string id, string model, int index = 0) =>
            Head(id, "chat.completion.chunk", model) +
            ",\"choices\":[{\"index\":" + Number(index) + ",\"delta\":" + deltaJson + ",\"finish_reason\":" + JsonText.QuoteOrNull(finishReason) + "}]}";

        /// <summary>The chunk sent when <c>stream_options.include_usage</c> is set: no choices, only usage.</summary>
        public static string UsageChunk(SimulatedUsage usage, string id, string model) =>
            Head(id, "chat.completion.chunk", model) + ",\"choices\":[],\"usage\":" + Usage(usage) + "}";

        /// <summary>A whole <c>chat.completion</c> with one choice.</summary>
        public static string Completion(string messageJson, string finishReason, SimulatedUsage usage, string id, string model) =>
            Completion(new[] { (messageJson, finishReason) }, usage, id, model);

        /// <summary>A whole <c>chat.completion</c> with a choice for each message, indexed in order.</summary>
        public static string Completion(IReadOnlyList<(string MessageJson, string FinishReason)> choices, SimulatedUsage usage, string id, string model) =>
            Head(id, "chat.completion", model) +
            ",\"choices\":[" + string.Join(",", choices.Select((choice, index) =>
                "{\"index\":" + Number(index) + ",\"message\":" + choice.MessageJson + ",\"finish_reason\":" + JsonText.Quote(choice.FinishReason) + "}")) + "]" +
            ",\"usage\":" + Usage(usage) + "}";

        public static string RoleDelta(string role) => "{\"role\":" + JsonText.Quote(role) + ",\"content\":\"\"}";

        public static string ContentDelta(string text) => "{\"content\":" + JsonText.Quote(text) + "}";

        public static string ReasoningDelta(string text) => "{\"reasoning_content\":" + JsonText.Quote(text) + "}";

        public static string RefusalDelta(string text) => "{\"refusal\":" + JsonText.Quote(text) + "}";

        /// <summary>The first fragment of a streamed tool call: its index, id, type and name, and no arguments yet.</summary>
        public static string ToolCallStartDelta(int index, SimulatedToolCall call) =>
            "{\"tool_calls\":[{\"index\":" + Number(index) + ",\"id\":" + JsonText.Quote(call.Id) + ",\"type\":\"function\"" +
            ",\"function\":{\"name\":" + JsonText.Quote(call.Name) + ",\"arguments\":\"\"}}]}";

        /// <summary>A later fragment: only the index and a piece of the arguments to append.</summary>
        public static string ToolCallArgumentsDelta(int index, string piece) =>
            "{\"tool_calls\":[{\"index\":" + Number(index) + ",\"function\":{\"arguments\":" + JsonText.Quote(piece) + "}}]}";

        /// <summary>An assistant message; content is null when the model only calls tools or refuses.</summary>
        public static string Message(string? content, string? reasoning, IReadOnlyList<SimulatedToolCall> toolCalls, string? refusal = null)
        {
            var message = new StringBuilder("{\"role\":\"assistant\",\"content\":").Append(JsonText.QuoteOrNull(content));
            if (reasoning != null)
            {
                message.Append(",\"reasoning_content\":").Append(JsonText.Quote(reasoning));
            }

            if (refusal != null)
            {
                message.Append(",\"refusal\":").Append(JsonText.Quote(refusal));
            }

            if (toolCalls.Count > 0)
            {
                message.Append(",\"tool_calls\":[").Append(string.Join(",", toolCalls.Select(ToolCall))).Append(']');
            }

            return message.Append('}').ToString();
        }

        public static string Usage(SimulatedUsage usage)
        {
            var text = "{\"prompt_tokens\":" + Number(usage.PromptTokens) +
                ",\"completion_tokens\":" + Number(usage.CompletionTokens) +
                ",\"total_tokens\":" + Number(usage.PromptTokens + usage.CompletionTokens);
            if (usage.ReasoningTokens > 0)
            {
                text += ",\"output_tokens_details\":{\"reasoning_tokens\":" + Number(usage.ReasoningTokens) + "}";
            }

            return text + "}";
        }

        private static string ToolCall(SimulatedToolCall call) =>
            "{\"id\":" + JsonText.Quote(call.Id) + ",\"type\":\"function\",\"function\":{\"name\":" + JsonText.Quote(call.Name) +
            ",\"arguments\":" + JsonText.Quote(call.ArgumentsJson) + "}}";

        private static string Head(string id, string type, string model) =>
            "{\"id\":" + JsonText.Quote(id) + ",\"object\":\"" + type + "\",\"created\":" + Number(Created) + ",\"model\":" + JsonText.Quote(model);

        private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
