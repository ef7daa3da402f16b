using System.Globalization;
using EdgeePS.Bench.Contenders;
using EdgeePS.Bench.Reporting;
using EdgeePS.Bench.Server;
using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Orchestration;

/// <summary>
/// Runs the rounds: in each, every workload, and for each workload every contender once, in an order rotated by
/// one place per round so that no contender always runs first (cold caches) or last (after the others heated the CPU).
/// </summary>
public sealed class BenchRunner(BenchOptions options)
{
    private readonly ChildProcessRunner children = new();
    private readonly List<Measurement> measurements = [];
    private readonly List<string> failures = [];

    public async Task<string> RunAsync()
    {
        var machine = MachineInfo.Capture();
        using var snapshot = ModuleSnapshot.Create();
        var module = ModuleProvenance.Capture();
        if (!module.Optimized)
        {
            throw new InvalidOperationException($"{Path.Combine(RepoPaths.RepoRoot, "module", "core", "EdgeePS.dll")} is a Debug build; run the benchmark with -c Release, which restages the Release build.");
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using (var server = await BenchServer.StartAsync())
        {
            Progress($"{module.Describe()}.");
            Progress($"Server at {server.BaseUrl}; {options.Rounds} round(s); workloads: {string.Join(", ", options.Workloads.Select(WorkloadNames.ToArgument))}.");
            for (var round = 0; round < options.Rounds; round++)
            {
                foreach (var workload in options.Workloads)
                {
                    await RunWorkloadAsync(round, workload, server.BaseUrl);
                }
            }
        }

        var loadAfter = MachineInfo.ReadLoadAverage();
        Progress($"Done in {clock.Elapsed.TotalMinutes:0.0} min.");
        return new ReportWriter(options, machine, module, loadAfter, clock.Elapsed, measurements, failures).Write();
    }

    private async Task RunWorkloadAsync(int round, Workload workload, Uri server)
    {
        var lineup = workload == Workload.Import
            ? ContenderCatalog.Imports.Select(entry => entry.Name).Where(options.Includes).ToList()
            : ContenderCatalog.Streaming.Where(entry => entry.Workloads.Contains(workload)).Select(entry => entry.Name).Where(options.Includes).ToList();
        if (lineup.Count == 0)
        {
            return;
        }
        if (workload == Workload.Import && !lineup.Contains(ContenderNames.TrivialModule))
        {
            // Import times mean something only next to the reference module's.
            lineup.Add(ContenderNames.TrivialModule);
        }

        var shift = round % lineup.Count;
        foreach (var contender in lineup.Skip(shift).Concat(lineup.Take(shift)))
        {
            var arguments = workload == Workload.Import
                ? new[] { "import", contender }
                : new[] { "contender", contender, WorkloadNames.ToArgument(workload), server.ToString(), ChunksFor(workload, contender).ToString(CultureInfo.InvariantCulture) };
            var (result, failure) = await children.RunAsync(arguments);
            var label = $"round {round + 1}/{options.Rounds} {WorkloadNames.ToArgument(workload),-10} {contender,-15}";
            if (result is null)
            {
                failures.Add($"round {round + 1}, {WorkloadNames.ToArgument(workload)}, {contender}: {failure}");
                Progress($"{label} FAILED: {failure}");
                continue;
            }
            measurements.Add(new Measurement(round, workload, contender, result));
            Progress($"{label} {result.ElapsedMs,10:0.0} ms");
        }
    }

    private int ChunksFor(Workload workload, string contender) => workload switch
    {
        Workload.Throughput => options.ThroughputChunksFor(contender),
        Workload.Latency => BenchSettings.LatencyChunks,
        Workload.Memory => options.MemoryChunks,
        _ => 0,
    };

    /// <summary>Progress goes to standard error, so standard output carries nothing but the report.</summary>
    private static void Progress(string message) => Console.Error.WriteLine(message);
}
