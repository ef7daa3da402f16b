using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using EdgeePS.Serialization;

namespace EdgeePS.Conversation
{
    /// <summary>
    /// One answer that asked for tools, and the calls EdgeePS answered: the assistant message as it is sent back
    /// (every call with an id) and one tool message per call, in the model's order.
    /// </summary>
    internal sealed class ToolRound
    {
        public ToolRound(int round, ChatMessage assistant)
        {
            Round = round;
            Assistant = assistant;
        }

        /// <summary>Which answer asked: 1 for the first request's.</summary>
        public int Round { get; }

        public ChatMessage Assistant { get; }

        public List<ToolInvocation> Invocations { get; } = new List<ToolInvocation>();

        public IEnumerable<ChatMessage> ToolMessages =>
            Invocations.Select(invocation => new ChatMessage("tool", invocation.Output) { ToolCallId = invocation.Id });

        /// <summary>What the next request appends to the conversation, in the gateway's JSON.</summary>
        public IEnumerable<JsonNode> WireMessages() =>
            new[] { Assistant }.Concat(ToolMessages).Select(message => JsonTreeBuilder.ToNode(message, value => value)!);
    }
}
