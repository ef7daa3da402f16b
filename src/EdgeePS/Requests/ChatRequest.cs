using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeePS.Requests
{
    /// <summary>A validated request, ready to send: the JSON body and what is worth saying about it.</summary>
    internal sealed class ChatRequest
    {
        private readonly JsonObject _body;

        public ChatRequest(string model, bool stream, JsonObject body)
        {
            Model = model;
            Stream = stream;
            _body = body;
            Body = Serialize(body);
        }

        public string Model { get; }
        public bool Stream { get; }
        public byte[] Body { get; }

        public int MessageCount => Messages.Count;

        /// <summary>The conversation this request sends.</summary>
        public JsonArray Messages => (JsonArray)_body["messages"]!;

        /// <summary>The body's <c>response_format</c>, when the request asks for a structured answer; null otherwise.</summary>
        public JsonNode? ResponseFormat => _body["response_format"];

        /// <summary>The function name of every tool the request declares, in order.</summary>
        public IReadOnlyList<string> ToolNames =>
            (_body["tools"] as JsonArray)?.Select(tool => tool?["function"]?["name"]?.GetValue<string>()).OfType<string>().ToList()
            ?? new List<string>();

        /// <summary>The same request with <paramref name="messages"/> added to the end of its conversation: the next round of a tool loop.</summary>
        public ChatRequest WithMessages(IEnumerable<JsonNode> messages)
        {
            var body = (JsonObject)_body.DeepClone();
            var conversation = (JsonArray)body["messages"]!;
            foreach (var message in messages)
            {
                conversation.Add(message);
            }

            return new ChatRequest(Model, Stream, body);
        }

        private static byte[] Serialize(JsonObject body)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                body.WriteTo(writer);
            }

            return buffer.ToArray();
        }
    }
}
