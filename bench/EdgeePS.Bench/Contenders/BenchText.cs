namespace EdgeePS.Bench.Contenders;

/// <summary>What the cmdlet floor writes for each chunk: just the text, for <c>ForEach-Object Text</c>.</summary>
public sealed record BenchText(string? Text);
