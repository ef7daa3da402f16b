using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeePS.Serialization;
using EdgeePS.Structured;

namespace EdgeePS.Conversation
{
    /// <summary>
    /// What one input's exchange with the model has been so far: the request's messages, each round of tool calls,
    /// whether the model gave its final answer, and the structured answer it was asked for. Every streamed answer of the turn refers to it, so the final
    /// response can be put together the same way from chunks as from whole answers.
    /// </summary>
    internal sealed class TurnRecord
    {
        private readonly JsonArray _requestMessages;
        private readonly List<ToolRound> _toolRounds = new List<ToolRound>();

        /// <param name="requestMessages">The messages the first request sends; kept as JSON, read only when asked for.</param>
        /// <param name="format">The structured answer asked for, if any: the final response is read by it.</param>
        public TurnRecord(JsonArray requestMessages, StructuredFormat? format = null)
        {
            _requestMessages = requestMessages;
            Format = format;
        }

        /// <summary>The structured answer the turn asked for (-JsonSchema, -Json, the input's response_format); null for text.</summary>
        public StructuredFormat? Format { get; }

        public IReadOnlyList<ToolRound> ToolRounds => _toolRounds;

        /// <summary>True once an answer ended the turn (no tool calls, or calls only the caller can answer).</summary>
        public bool ReachedAnswer { get; private set; }

        public IEnumerable<ToolInvocation> Invocations => _toolRounds.SelectMany(round => round.Invocations);

        public void Add(ToolRound round) => _toolRounds.Add(round);

        public void AnswerReached() => ReachedAnswer = true;

        /// <summary>The tool round that answered the calls of answer number <paramref name="round"/>, if any.</summary>
        public ToolRound? ToolRoundOf(int round) => _toolRounds.FirstOrDefault(candidate => candidate.Round == round);

        /// <summary>The request's messages as the caller's models: a new list each time, free for the caller to change.</summary>
        public List<ChatMessage> RequestMessages() => _requestMessages.Select(FromJson).ToList();

        // Content that is not text (a provider's list of parts) is kept as its JSON rather than lost.
        private static ChatMessage FromJson(JsonNode? message)
        {
            try
            {
                return message.Deserialize(EdgeeJsonContext.Default.ChatMessage) ?? new ChatMessage();
            }
            catch (JsonException)
            {
                return new ChatMessage(message?["role"]?.ToString() ?? string.Empty, message?["content"]?.ToJsonString());
            }
        }
    }
}
