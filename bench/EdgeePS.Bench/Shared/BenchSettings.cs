namespace EdgeePS.Bench.Shared;

/// <summary>The workloads' fixed sizes, from issue 4.</summary>
public static class BenchSettings
{
    public const int ThroughputChunks = 100_000;
    public const int QuickScriptModuleThroughputChunks = 10_000;

    /// <summary>Timed runs of the throughput stream in each child; the fastest counts.</summary>
    public const int ThroughputRepeats = 3;

    public const int LatencyChunks = 200;
    public static readonly TimeSpan LatencyInterval = TimeSpan.FromMilliseconds(5);
    public const int MemoryChunks = 1_000_000;
    public const int QuickMemoryChunks = 200_000;

    /// <summary>Content bytes per throughput chunk: a typical token or two.</summary>
    public const int ContentBytes = 16;

    /// <summary>The first, checked warm-up stream: every code path runs, and every chunk's text is compared.</summary>
    public const int WarmupChunks = 2_000;

    /// <summary>
    /// The long rehearsal before timing runs at least this long, and then until a run is within
    /// <see cref="RehearsalSettledWithin"/> of the fastest so far, but never longer than <see cref="MaximumRehearsal"/>.
    /// </summary>
    public static readonly TimeSpan MinimumRehearsal = TimeSpan.FromSeconds(1.5);
    public static readonly TimeSpan MaximumRehearsal = TimeSpan.FromSeconds(5);
    public const double RehearsalSettledWithin = 1.1;

    /// <summary>A short paced stream before the latency measurement, so the code that waits for data is warm too.</summary>
    public const int LatencyRehearsalChunks = 20;

    /// <summary>
    /// Time to first chunk is one figure per request, so besides the latency stream's own first chunk it is taken on
    /// this many more short paced streams, and the median counts.
    /// </summary>
    public const int ExtraFirstChunkSamples = 8;
    public const int FirstChunkStreamChunks = 2;

    /// <summary>Tier-1 recompilation runs in the background after a quiet period; give it time to finish before timing.</summary>
    public static readonly TimeSpan TieringSettleTime = TimeSpan.FromMilliseconds(500);

    public const string ApiKey = "bench-key";

    // The batch workload (issue 13): 200 prompts, each answered 250 ms after it arrives, 16 at a time; the ideal is
    // 200 / 16 * 250 ms, what 16 perfectly kept slots would take.
    public const int BatchPrompts = 200;
    public const int BatchThrottle = 16;
    public const int BatchDelayMs = 250;
    public const double BatchIdealMs = (double)BatchPrompts / BatchThrottle * BatchDelayMs;
    public const string Prompt = "go";
}
