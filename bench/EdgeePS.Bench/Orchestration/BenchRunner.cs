using System.Globalization;
using EdgeePS.Bench.Contenders;
using EdgeePS.Bench.Reporting;
using EdgeePS.Bench.Server;
using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Orchestration;

/// <summary>
/// Runs the rounds: in each, every workload, and for each workload every contender once in every engine it runs in
/// (and once more against the baseline module, if there is one), in an order rotated by one place per round so that
/// no contender always runs first (cold caches) or last (after the others heated the CPU).
/// </summary>
public sealed class BenchRunner(BenchOptions options)
{
    private readonly ChildProcessRunner children = new();
    private readonly List<Measurement> measurements = [];
    private readonly List<string> failures = [];

    public async Task<string> RunAsync()
    {
        var machine = MachineInfo.Capture();
        using var snapshot = ModuleSnapshot.CreateUnderTest();
        using var baseline = options.BaselinePath is { } baselinePath ? ModuleSnapshot.CreateBaseline(baselinePath) : null;
        var module = ModuleProvenance.Capture(snapshot.Root, RepoPaths.RepoRoot);
        var baselineModule = baseline is null ? null : ModuleProvenance.Capture(baseline.Root, options.BaselinePath!);
        if (!module.Optimized)
        {
            throw new InvalidOperationException($"{Path.Combine(RepoPaths.RepoRoot, "module", "core", "EdgeePS.dll")} is a Debug build; run the benchmark with -c Release, which restages the Release build.");
        }
        if (baselineModule is { Optimized: false })
        {
            throw new InvalidOperationException($"The baseline in {options.BaselinePath} is a Debug build; build it with 'dotnet build -c Release'.");
        }
        var pwshVersion = options.Includes(Engine.Pwsh) ? children.PwshVersion : null;
        if (pwshVersion is not null)
        {
            Progress($"pwsh {pwshVersion} at {children.PwshHome}.");
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using (var server = await BenchServer.StartAsync())
        {
            Progress($"{module.Describe()}.");
            if (baselineModule is not null)
            {
                Progress($"Baseline: {baselineModule.Describe()}, from {options.BaselinePath}.");
            }
            Progress($"Server at {server.BaseUrl}; {options.Rounds} round(s); workloads: {string.Join(", ", options.Workloads.Select(WorkloadNames.ToArgument))}; engines: {string.Join(", ", options.Engines.Select(EngineNames.ToArgument))}.");
            for (var round = 0; round < options.Rounds; round++)
            {
                foreach (var workload in options.Workloads)
                {
                    await RunWorkloadAsync(round, workload, server.BaseUrl, baseline?.Root);
                }
            }
        }

        var loadAfter = MachineInfo.ReadLoadAverage();
        Progress($"Done in {clock.Elapsed.TotalMinutes:0.0} min.");
        var baselineNote = baselineModule is null ? null : $"{baselineModule.Describe()}, from {options.BaselinePath}";
        return new ReportWriter(options, machine with { Pwsh = pwshVersion }, module, baselineNote, loadAfter, clock.Elapsed, measurements, failures).Write();
    }

    private async Task RunWorkloadAsync(int round, Workload workload, Uri server, string? baselineRoot)
    {
        var lineup = Lineup(workload, baselineRoot is not null);
        if (lineup.Count == 0)
        {
            return;
        }

        var shift = round % lineup.Count;
        foreach (var (contender, engine, isBaseline) in lineup.Skip(shift).Concat(lineup.Take(shift)))
        {
            var (result, failure) = await RunChildAsync(workload, contender, engine, server, isBaseline ? baselineRoot : null);
            var label = $"round {round + 1}/{options.Rounds} {WorkloadNames.ToArgument(workload),-10} {contender,-17} {EngineNames.ToArgument(engine),-6} {(isBaseline ? "baseline" : ""),-8}";
            if (result is null)
            {
                failures.Add($"round {round + 1}, {WorkloadNames.ToArgument(workload)}, {contender} in {EngineNames.ToArgument(engine)}{(isBaseline ? " against the baseline" : "")}: {failure}");
                Progress($"{label} FAILED: {failure}");
                continue;
            }
            measurements.Add(new Measurement(round, workload, contender, engine, isBaseline, result));
            Progress($"{label} {result.ElapsedMs,10:0.0} ms");
        }
    }

    private List<(string Contender, Engine Engine, bool Baseline)> Lineup(Workload workload, bool withBaseline)
    {
        if (workload == Workload.Batch)
        {
            // Measured where the target is: in real pwsh.
            return options.Includes(Engine.Pwsh)
                ? [.. BatchCatalog.Contenders.Where(entry => options.Includes(entry.Name)).SelectMany(entry => Variants(entry.Name, Engine.Pwsh, withBaseline))]
                : [];
        }

        if (workload == Workload.Import)
        {
            var imports = ContenderCatalog.Imports.Where(entry => options.Includes(entry.Name)).ToList();
            if (imports.Count > 0 && !imports.Any(entry => entry.Name == ContenderNames.TrivialModule))
            {
                // Import times mean something only next to the reference module's.
                imports.Add(ContenderCatalog.FindImport(ContenderNames.TrivialModule));
            }
            return
            [
                .. options.Engines.SelectMany(engine => imports.SelectMany(entry => Variants(entry.Name, engine, withBaseline && entry.LoadsEdgeePS))),
            ];
        }

        return
        [
            .. ContenderCatalog.Streaming
                .Where(entry => entry.Workloads.Contains(workload) && options.Includes(entry.Name))
                .SelectMany(entry => entry.Engines.Where(options.Includes).SelectMany(engine => Variants(entry.Name, engine, withBaseline && entry.LoadsEdgeePS))),
        ];
    }

    private static IEnumerable<(string, Engine, bool)> Variants(string contender, Engine engine, bool withBaseline) =>
        withBaseline ? [(contender, engine, false), (contender, engine, true)] : [(contender, engine, false)];

    /// <param name="moduleRoot">The baseline's snapshot for a baseline run; null for the module under test.</param>
    private Task<(ChildResult? Result, string? Failure)> RunChildAsync(Workload workload, string contender, Engine engine, Uri server, string? moduleRoot)
    {
        if (workload == Workload.Import)
        {
            return engine == Engine.Pwsh
                ? children.RunPwshAsync("Import.ps1", [ContenderCatalog.FindImport(contender).ModulePath(moduleRoot ?? RepoPaths.ModuleRoot)], moduleRoot)
                : children.RunBenchAsync(["import", contender], moduleRoot);
        }

        if (workload == Workload.Batch)
        {
            return children.RunPwshAsync("Batch.ps1",
            [
                contender, RepoPaths.ManifestIn(moduleRoot ?? RepoPaths.ModuleRoot), server.ToString(),
                .. new[] { BenchSettings.BatchPrompts, BenchSettings.BatchThrottle, BenchSettings.BatchDelayMs }.Select(value => value.ToString(CultureInfo.InvariantCulture)),
            ], moduleRoot);
        }

        var arguments = new[] { contender, WorkloadNames.ToArgument(workload), server.ToString(), ChunksFor(workload, contender).ToString(CultureInfo.InvariantCulture) };
        return engine == Engine.Pwsh
            ? children.RunPwshAsync("Contender.ps1", arguments, moduleRoot)
            : children.RunBenchAsync(["contender", arguments[0], EngineNames.ToArgument(engine), .. arguments[1..]], moduleRoot);
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
