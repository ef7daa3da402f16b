using System.Collections.Generic;

namespace EdgeePS
{
    /// <summary>A chat message: what a request sends, what a completion returns, and what a stream delta adds.</summary>
    public sealed class ChatMessage
    {
        public ChatMessage()
        {
        }

        public ChatMessage(string role, string? content)
        {
            Role = role;
            Content = content;
        }

        public string? Role { get; set; }
        public string? Content { get; set; }
        public string? Name { get; set; }
        public string? ToolCallId { get; set; }
        public List<ToolCall>? ToolCalls { get; set; }

        public override string ToString() => Content ?? string.Empty;
    }
}
