namespace EdgeePS.Bench.Json;

/// <summary>
/// floor-parse's chunk: the fields of <c>chat.completion.chunk</c> that a lean typed .NET client would keep,
/// deserialised by source-generated System.Text.Json. The best a .NET client can do, so the reference for every ratio.
/// </summary>
public sealed class TypedChunk
{
    public string? Id { get; set; }
    public string? Object { get; set; }
    public long Created { get; set; }
    public string? Model { get; set; }
    public List<TypedChoice>? Choices { get; set; }
}
