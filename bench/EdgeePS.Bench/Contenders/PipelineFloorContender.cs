using EdgeePS.Bench.Server;
using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Contenders;

/// <summary>
/// pipeline-floor: <c>Write-BenchChunk $chunks | ForEach-Object Text</c> with objects of the type EdgeePS writes
/// (EdgeePS's own StreamChunk, loaded from the staged module), built before timing. No network, no parsing:
/// the limit for any module that streams into the pipeline. For the breakdown, into <c>| Out-Null</c> alone:
/// WriteObject and the pipeline without <c>ForEach-Object</c>.
/// </summary>
public sealed class PipelineFloorContender : PowerShellContender
{
    private readonly bool forEachText;

    public PipelineFloorContender(ContenderSetup setup, bool forEachText)
        : base(setup.NewEngine(typeof(WriteBenchChunkCommand)))
    {
        this.forEachText = forEachText;
        ReleaseBuildCheck.RequireOptimized(typeof(StreamChunk).Assembly);
    }

    protected override string ConsumeScript => forEachText
        ? "Write-BenchChunk $chunks | ForEach-Object Text | Out-Null"
        : "Write-BenchChunk $chunks | Out-Null";

    protected override string DeliverScript => "$recorder.Start(); Write-BenchChunk $chunks | ForEach-Object { $recorder.Record($_.Text) }";

    /// <summary>
    /// The same sequence a stream yields: a role chunk, the content chunks, a finish chunk. The content chunks cycle
    /// through one block of distinct objects, as the server's bytes do, so they are about as cache-warm as chunks a
    /// client has just parsed; a hundred thousand distinct objects would add cache misses no streaming client has.
    /// </summary>
    public override void Prepare(StreamTarget target)
    {
        var block = Enumerable.Range(0, Math.Min(target.Chunks, ChunkPayloads.BlockChunks))
            .Select(index => NewChunk(target.Model, new ChatMessage { Content = ChunkPayloads.BurstText(index) }, finishReason: null))
            .ToArray();
        var chunks = new StreamChunk[target.Chunks + 2];
        chunks[0] = NewChunk(target.Model, new ChatMessage { Role = "assistant", Content = string.Empty }, finishReason: null);
        for (var index = 0; index < target.Chunks; index++)
        {
            chunks[index + 1] = block[index % block.Length];
        }
        chunks[^1] = NewChunk(target.Model, new ChatMessage(), finishReason: "stop");
        Engine.SetVariable("chunks", chunks);
    }

    private static StreamChunk NewChunk(string model, ChatMessage delta, string? finishReason) => new()
    {
        Id = "chatcmpl-bench",
        Object = "chat.completion.chunk",
        Created = 1_700_000_000,
        Model = model,
        Choices = [new StreamChoice { Index = 0, Delta = delta, FinishReason = finishReason }],
    };
}
