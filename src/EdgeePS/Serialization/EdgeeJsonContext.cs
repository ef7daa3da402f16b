using System.Text.Json.Serialization;

namespace EdgeePS.Serialization
{
    /// <summary>
    /// Compile-time JSON metadata for the response models: no reflection at run time, which keeps
    /// import and first-chunk latency low. The wire stays snake_case; the .NET side is PascalCase.
    /// </summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString)]
    [JsonSerializable(typeof(StreamChunk))]
    [JsonSerializable(typeof(CompletionResponse))]
    [JsonSerializable(typeof(ModelList))]
    [JsonSerializable(typeof(ChatMessage))]
    [JsonSerializable(typeof(System.Collections.Generic.List<ChatMessage>))]
    internal sealed partial class EdgeeJsonContext : JsonSerializerContext
    {
    }
}
