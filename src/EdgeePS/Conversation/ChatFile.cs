using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;
using EdgeePS.Serialization;

namespace EdgeePS.Conversation
{
    /// <summary>A chat's messages as a file keeps them (Enter-EdgeeChat /save): the gateway's JSON, indented, readable by New-EdgeeChat.</summary>
    internal static class ChatFile
    {
        private static readonly JsonSerializerOptions Indented = new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        public static string ToJson(List<ChatMessage> messages) =>
            JsonSerializer.SerializeToNode(messages, EdgeeJsonContext.Default.ListChatMessage)!.ToJsonString(Indented);
    }
}
