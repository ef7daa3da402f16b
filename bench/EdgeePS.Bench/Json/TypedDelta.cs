namespace EdgeePS.Bench.Json;

public sealed class TypedDelta
{
    public string? Role { get; set; }
    public string? Content { get; set; }
}
