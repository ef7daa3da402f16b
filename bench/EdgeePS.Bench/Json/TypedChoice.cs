namespace EdgeePS.Bench.Json;

public sealed class TypedChoice
{
    public int Index { get; set; }
    public TypedDelta? Delta { get; set; }
    public string? FinishReason { get; set; }
}
