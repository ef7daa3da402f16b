using System.Diagnostics;
using System.Globalization;
using System.Text;
using EdgeePS.Simulation;
using EdgeePS.Tests.Cmdlets;
using Xunit.Abstractions;
using static EdgeePS.Tests.Core.SseTestKit;

namespace EdgeePS.Tests.Hardening;

/// <summary>
/// Memory (issue 3): a 1,000,000-chunk stream consumed by a pipeline leaves the managed heap flat, and the core keeps
/// nothing per chunk. Measured with forced full collections (GC.GetTotalMemory(true)); the figures are printed so they
/// can be quoted. Bounds: the heap may grow by at most <see cref="PipelineGrowthBound"/> across the whole pipeline run
/// and by at most <see cref="StreamingGrowthBound"/> between chunk 100,000 and chunk 900,000 while the stream is open —
/// 8 bytes per chunk, far below what keeping even a reference per chunk would cost.
/// </summary>
[Collection(MeasurementCollection.Name)]
public sealed class MemoryTests : HardeningTestBase
{
    private const int Chunks = 1_000_000;
    private const long PipelineGrowthBound = 16L * 1024 * 1024;
    private const long StreamingGrowthBound = 8L * (900_000 - 100_000);
    private const long CoreGrowthBound = 2L * 1024 * 1024;

    private static readonly string ChunkEvent =
        "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-5.2\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok \"},\"finish_reason\":null}]}\n\n";

    private readonly ITestOutputHelper output;

    public MemoryTests(SessionFixture fixture, ITestOutputHelper output) : base(fixture) => this.output = output;

    [Fact]
    public void AMillionChunkStreamThroughThePipelineLeavesTheHeapFlat()
    {
        // Warm up first: JIT, the shared HttpClient and the engine's caches are one-off costs, not growth.
        Gateway.Enqueue(GeneratedStream(10_000));
        Run("Invoke-EdgeeStream gpt-5.2 'warm up' | ForEach-Object { $null = $_.Text }", Patience).EnsureSuccess();

        Gateway.Enqueue(GeneratedStream(Chunks));
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var result = Run("""
            $count = 0
            $characters = 0
            Invoke-EdgeeStream gpt-5.2 'Hello' | ForEach-Object {
                $count++
                $characters += $_.Text.Length
                if ($count -eq 100000) { $early = [GC]::GetTotalMemory($true) }
                if ($count -eq 900000) { $late = [GC]::GetTotalMemory($true) }
            }
            $count, $characters, $early, $late
            """, TimeSpan.FromMinutes(3));
        clock.Stop();
        var after = GC.GetTotalMemory(forceFullCollection: true);

        var values = result.EnsureSuccess().Output.Select(item => Convert.ToInt64(item.BaseObject, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Chunks, values[0]);
        Assert.Equal(4L * Chunks, values[1]);
        var (early, late) = (values[2], values[3]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Chunks:N0} chunks through Invoke-EdgeeStream | ForEach-Object in {clock.Elapsed.TotalSeconds:0.0} s. "
            + $"Heap after a forced GC: before {before:N0} B, after {after:N0} B, growth {after - before:N0} B (bound {PipelineGrowthBound:N0}). "
            + $"While streaming: at chunk 100,000 {early:N0} B, at chunk 900,000 {late:N0} B, growth {late - early:N0} B "
            + $"= {(late - early) / 800_000.0:0.00} B per chunk (bound {StreamingGrowthBound:N0})."));
        Assert.True(after - before < PipelineGrowthBound, $"The heap grew by {after - before:N0} bytes across the stream.");
        Assert.True(late - early < StreamingGrowthBound, $"The heap grew by {late - early:N0} bytes between chunks 100,000 and 900,000.");
    }

    [Fact]
    public async Task TheCoreKeepsNothingPerChunk()
    {
        var body = new RepeatingStream([], Utf8(ChunkEvent), Chunks, Utf8(Done()));
        using var stream = Open(body);
        long early = 0;
        long late = 0;
        var count = 0;
        while (stream.Read() is { } next)
        {
            Assert.NotNull(next.Chunk);
            count++;
            if (count == 100_000)
            {
                early = GC.GetTotalMemory(forceFullCollection: true);
            }
        }
        late = GC.GetTotalMemory(forceFullCollection: true);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Core: {count:N0} chunks read from ChatCompletionStream; heap at chunk 100,000 {early:N0} B, at the end (stream still open) {late:N0} B, "
            + $"growth {late - early:N0} B = {(late - early) / 900_000.0:0.000} B per chunk (bound {CoreGrowthBound:N0})."));
        Assert.Equal(Chunks, count);
        Assert.True(late - early < CoreGrowthBound, $"The core's heap grew by {late - early:N0} bytes over 900,000 chunks.");
    }

    /// <summary>A 200 stream of <paramref name="count"/> identical chunks, written in batches of 5,000 events, then [DONE].</summary>
    private static ScriptedResponse GeneratedStream(int count) =>
        EventStreamHeaders().WriteEach(Batches(count, 5_000)).Write("data: [DONE]\n\n");

    private static IEnumerable<byte[]> Batches(int count, int perBatch)
    {
        var batch = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(ChunkEvent, perBatch)));
        for (var written = 0; written < count; written += perBatch)
        {
            var events = Math.Min(perBatch, count - written);
            yield return events == perBatch ? batch : batch[..(events * Encoding.UTF8.GetByteCount(ChunkEvent))];
        }
    }
}
