using System.Collections.Generic;
using System.Linq;
using EdgeePS.Conversation;

namespace EdgeePS
{
    /// <summary>
    /// A conversation that goes on over several calls (New-EdgeeChat, -Chat, Enter-EdgeeChat): the messages so far,
    /// the assistant's tool calls and the tool results included, and the tokens used so far. Each successful call
    /// appends its user turn and the reply; a call that fails or is stopped appends nothing.
    /// </summary>
    public sealed class Chat
    {
        /// <summary>The conversation so far, in order, as the next request sends it.</summary>
        public List<ChatMessage> Messages { get; } = new List<ChatMessage>();

        /// <summary>The tokens of every answer so far, added up; null before the first answer that reported usage.</summary>
        public Usage? Usage { get; private set; }

        public override string ToString() => $"{Messages.Count} message(s)";

        /// <summary>
        /// Takes in a successful turn: the messages <paramref name="response"/>'s conversation holds beyond those the
        /// request took from this chat (the first <paramref name="historyCount"/>, after the system prompt the request
        /// put first when <paramref name="systemPromptAdded"/>), and its usage. The chat's own messages stay as they are.
        /// </summary>
        internal void Append(CompletionResponse response, int historyCount, bool systemPromptAdded)
        {
            var conversation = response.Messages ?? new List<ChatMessage>();
            var skipped = historyCount + (systemPromptAdded ? 1 : 0);
            if (systemPromptAdded && conversation.Count > 0)
            {
                Messages.Insert(0, conversation[0]);
            }

            Messages.AddRange(conversation.Skip(skipped));
            Usage = UsageTotals.Sum(new[] { Usage, response.Usage });
        }

        /// <summary>Starts over: only the system messages the chat begins with stay, and the usage goes back to none.</summary>
        internal void Reset()
        {
            var system = Messages.TakeWhile(message => message.Role == "system").Count();
            Messages.RemoveRange(system, Messages.Count - system);
            Usage = null;
        }
    }
}
