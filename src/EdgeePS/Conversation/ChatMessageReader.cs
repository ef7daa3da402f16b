using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeePS.Requests;
using EdgeePS.Serialization;

namespace EdgeePS.Conversation
{
    /// <summary>
    /// Messages from whatever holds them into <see cref="ChatMessage"/>s, for a chat to start from: ChatMessages
    /// themselves, or dictionaries and objects with the fields in either spelling, the .NET one that
    /// <c>ConvertTo-Json</c> writes of a chat's messages (<c>Role</c>, <c>ToolCallId</c>, <c>ToolCalls</c>) or the
    /// gateway's (<c>role</c>, <c>tool_call_id</c>, <c>tool_calls</c>). Each is checked as a request checks its messages.
    /// </summary>
    internal static class ChatMessageReader
    {
        /// <exception cref="EdgeeException">A message that is not one (InvalidMessage, MessageRoleMissing, ToolCallIdMissing).</exception>
        public static List<ChatMessage> Read(IEnumerable<object> items, Func<object, object?> unwrap)
        {
            var messages = new List<ChatMessage>();
            foreach (var item in items)
            {
                var value = unwrap(item);
                var node = value is ChatMessage ready ? JsonTreeBuilder.ToNode(ready, unwrap) : JsonTreeBuilder.ToNode(value, unwrap);
                // One at a time, so an error names the message by its place in the whole list.
                var checkedNode = (JsonObject)ChatRequestBuilder.ValidateMessages(new JsonArray(node), messages.Count)[0]!;
                messages.Add(value as ChatMessage ?? ToMessage(checkedNode));
            }

            return messages;
        }

        private static ChatMessage ToMessage(JsonObject fields)
        {
            var message = new JsonObject();
            foreach (var pair in fields.ToList())
            {
                fields.Remove(pair.Key);
                message[InputKeys.MessageReadBack.Canonical(pair.Key)] = pair.Value;
            }

            try
            {
                return message.Deserialize(EdgeeJsonContext.Default.ChatMessage) ?? new ChatMessage();
            }
            catch (JsonException error)
            {
                throw new EdgeeException(EdgeeErrorIds.InvalidMessage, $"A message's fields have the wrong kind of value: {error.Message}", error);
            }
        }
    }
}
