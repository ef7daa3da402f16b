using System.Diagnostics;
using System.Text.Json;
using EdgeePS.Bench.Server;
using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Contenders;

/// <summary>
/// The child side of one measurement: set the contender up, warm it up on the same code paths, let the JIT settle,
/// take the measurement, and print it as one JSON line. Setup, engine start and module import are never timed.
/// </summary>
public static class ContenderProcess
{
    private const double BytesPerMB = 1024 * 1024;

    /// <param name="engine">Where this child runs; <paramref name="newEngine"/> makes its PowerShell engines (null for <see cref="Engine.Dotnet"/>).</param>
    public static int Run(string name, Engine engine, Workload workload, Uri server, int chunks, Func<IReadOnlyCollection<Type>, PowerShellEngine>? newEngine)
    {
        var entry = ContenderCatalog.Find(name);
        if (!entry.Engines.Contains(engine))
        {
            throw new ArgumentException($"{name} does not run in {EngineNames.ToArgument(engine)}; it runs in {string.Join(", ", entry.Engines.Select(EngineNames.ToArgument))}.");
        }
        using var contender = entry.Create(new ContenderSetup(server, newEngine));
        WarmUp(contender, server, workload, chunks);

        var target = workload == Workload.Latency
            ? new StreamTarget(server, BenchModels.Paced(chunks), chunks)
            : new StreamTarget(server, BenchModels.Burst(chunks), chunks);
        contender.Prepare(target);
        Settle();

        var result = workload switch
        {
            Workload.Throughput => MeasureThroughput(contender, target),
            Workload.Latency => MeasureLatency(contender, target),
            Workload.Memory => MeasureMemory(contender, target),
            _ => throw new ArgumentException($"{workload} is not a streaming workload."),
        };
        result.Contender = name;
        result.Workload = WorkloadNames.ToArgument(workload);
        result.Chunks = chunks;
        Console.Out.WriteLine(JsonSerializer.Serialize(result, ChildResultJsonContext.Default.ChildResult));
        return 0;
    }

    /// <summary>
    /// Runs the timed code path and the recording one on a small stream, checking that every chunk arrived intact
    /// (a contender that drops chunks must fail, not look fast), then rehearses on a long stream until the JIT has
    /// finished: tiered compilation and dynamic PGO take a second or more of hot running to reach the final code
    /// (longer while other work holds the second core), and until then a stream runs up to three times slower.
    /// The benchmark measures the steady cost per chunk. The latency workload then also warms the path where the
    /// client waits for data, which a burst stream never reaches.
    /// </summary>
    private static void WarmUp(IContender contender, Uri server, Workload workload, int chunks)
    {
        var warmup = new StreamTarget(server, BenchModels.Burst(BenchSettings.WarmupChunks), BenchSettings.WarmupChunks);
        contender.Prepare(warmup);
        contender.Consume(warmup);
        if (contender.RecordsDeliveries)
        {
            var recorder = new DeliveryRecorder(warmup.Chunks);
            contender.Deliver(warmup, recorder);
            Verify(recorder.ContentDeliveries(), warmup.Chunks);
        }

        var rehearsalChunks = workload == Workload.Throughput ? chunks : BenchSettings.ThroughputChunks;
        var rehearsal = new StreamTarget(server, BenchModels.Burst(rehearsalChunks), rehearsalChunks);
        contender.Prepare(rehearsal);
        var rehearsing = Stopwatch.StartNew();
        var fastest = TimeSpan.MaxValue;
        while (true)
        {
            var start = Stopwatch.GetTimestamp();
            contender.Consume(rehearsal);
            var elapsed = Stopwatch.GetElapsedTime(start);
            fastest = elapsed < fastest ? elapsed : fastest;
            var settled = elapsed.Ticks <= fastest.Ticks * BenchSettings.RehearsalSettledWithin;
            if ((rehearsing.Elapsed >= BenchSettings.MinimumRehearsal && settled) || rehearsing.Elapsed >= BenchSettings.MaximumRehearsal)
            {
                break;
            }
        }

        if (workload == Workload.Latency)
        {
            var paced = new StreamTarget(server, BenchModels.Paced(BenchSettings.LatencyRehearsalChunks), BenchSettings.LatencyRehearsalChunks);
            contender.Deliver(paced, new DeliveryRecorder(paced.Chunks));
        }
    }

    private static void Verify(IReadOnlyList<(long ReceivedAt, string Text)> deliveries, int chunks)
    {
        if (deliveries.Count != chunks)
        {
            throw new InvalidDataException($"Warm-up: {deliveries.Count} chunks with content arrived, {chunks} were sent.");
        }
        for (var index = 0; index < deliveries.Count; index++)
        {
            var expected = ChunkPayloads.BurstText(index % ChunkPayloads.BlockChunks);
            if (deliveries[index].Text != expected)
            {
                throw new InvalidDataException($"Warm-up: chunk {index} carried '{deliveries[index].Text}', not '{expected}'.");
            }
        }
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Thread.Sleep(BenchSettings.TieringSettleTime);
    }

    /// <summary>
    /// The fastest of a few timed runs: other work on the machine can only ever add time, so the fastest run is the
    /// one closest to the contender's own cost. The allocation and CPU figures come from that same run; CPU time is
    /// the whole process's, every thread's, so it adds up the work that threads overlap.
    /// </summary>
    private static ChildResult MeasureThroughput(IContender contender, StreamTarget target)
    {
        ChildResult? fastest = null;
        for (var repeat = 0; repeat < BenchSettings.ThroughputRepeats; repeat++)
        {
            if (repeat > 0)
            {
                GC.Collect();
            }
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var start = Stopwatch.GetTimestamp();
            contender.Consume(target);
            var elapsed = Stopwatch.GetElapsedTime(start);
            var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            if (fastest is null || elapsed.TotalMilliseconds < fastest.ElapsedMs)
            {
                fastest = new ChildResult
                {
                    ElapsedMs = elapsed.TotalMilliseconds,
                    CpuMs = cpu.TotalMilliseconds,
                    AllocatedBytesPerChunk = (double)allocated / target.Chunks,
                };
            }
        }
        return fastest!;
    }

    private static ChildResult MeasureLatency(IContender contender, StreamTarget target)
    {
        var recorder = new DeliveryRecorder(target.Chunks);
        var start = Stopwatch.GetTimestamp();
        contender.Deliver(target, recorder);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var delays = recorder.DelaysMicroseconds();
        if (delays.Length != target.Chunks)
        {
            throw new InvalidDataException($"{delays.Length} stamped chunks arrived, {target.Chunks} were sent.");
        }

        var firstChunks = new List<double> { recorder.FirstContentMicroseconds() };
        var shortStream = new StreamTarget(target.ServerUrl, BenchModels.Paced(BenchSettings.FirstChunkStreamChunks), BenchSettings.FirstChunkStreamChunks);
        contender.Prepare(shortStream);
        for (var sample = 0; sample < BenchSettings.ExtraFirstChunkSamples; sample++)
        {
            var shortRecorder = new DeliveryRecorder(shortStream.Chunks);
            contender.Deliver(shortStream, shortRecorder);
            firstChunks.Add(shortRecorder.FirstContentMicroseconds());
        }
        return new ChildResult
        {
            ElapsedMs = elapsed.TotalMilliseconds,
            DelayP50Us = Statistics.Percentile(delays, 0.5),
            DelayP90Us = Statistics.Percentile(delays, 0.9),
            FirstChunkUs = Statistics.Median(firstChunks),
        };
    }

    private static ChildResult MeasureMemory(IContender contender, StreamTarget target)
    {
        var heapStart = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetStart = Environment.WorkingSet;
        using var sampler = new WorkingSetSampler();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        sampler.Start();
        var start = Stopwatch.GetTimestamp();
        contender.Consume(target);
        var elapsed = Stopwatch.GetElapsedTime(start);
        sampler.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        using var self = Process.GetCurrentProcess();
        return new ChildResult
        {
            ElapsedMs = elapsed.TotalMilliseconds,
            AllocatedBytesPerChunk = (double)allocated / target.Chunks,
            HeapStartMB = heapStart / BytesPerMB,
            HeapAfterMB = heapAfter / BytesPerMB,
            WorkingSetStartMB = workingSetStart / BytesPerMB,
            WorkingSetEarlyMB = sampler.MaxBetween(0, 0.25) / BytesPerMB,
            WorkingSetLateMB = sampler.MaxBetween(0.75, 1) / BytesPerMB,
            PeakWorkingSetMB = self.PeakWorkingSet64 / BytesPerMB,
        };
    }
}
