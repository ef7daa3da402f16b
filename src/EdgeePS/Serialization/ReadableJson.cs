using System.Text.Encodings.Web;
using System.Text.Json;

namespace EdgeePS.Serialization
{
    /// <summary>
    /// JSON written for a person or a model to read, never put in HTML: "é" and "&lt;" stay as they are rather than
    /// becoming \u escapes. Context, tool output and the simulator's descriptions all write it this way.
    /// </summary>
    internal static class ReadableJson
    {
        public static readonly JsonSerializerOptions Options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    }
}
