using System.Text.Json.Serialization;

namespace EdgeePS.Bench.Shared;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChildResult))]
internal sealed partial class ChildResultJsonContext : JsonSerializerContext
{
}
