using System.Text.Json.Serialization;
namespace EdgeePS.Bench.Json;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TypedChunk))]
internal sealed partial class TypedChunkJsonContext : JsonSerializerContext
{
}
