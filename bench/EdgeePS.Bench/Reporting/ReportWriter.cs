using System.Globalization;
using System.Text;
using EdgeePS.Bench.Contenders;
using EdgeePS.Bench.Orchestration;
using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Reporting;

/// <summary>
/// Turns the measurements into the Markdown report. Every figure is the median over the rounds; every ratio is taken
/// within one round (against that round's floor-parse or trivial module) and then the median of those ratios is
/// shown, with the lowest and highest round in brackets so that noise is visible. Numbers are formatted in the
/// current culture, which Program sets to the invariant one.
/// </summary>
public sealed class ReportWriter(
    BenchOptions options,
    MachineInfo machine,
    ModuleProvenance module,
    string loadAverageAfter,
    TimeSpan duration,
    IReadOnlyList<Measurement> measurements,
    IReadOnlyList<string> failures)
{
    // "Flat": a million chunks may not grow the managed heap or the working set by more than this.
    private const double FlatHeapGrowthMB = 2;
    private const double FlatWorkingSetGrowthMB = 8;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly StringBuilder text = new();

    public string Write()
    {
        Line($"Measured on: {machine.Describe()}.");
        Line();
        Line($"Module: {module.Describe()}.");
        Line();
        Line($"Command: `{CommandLine()}`: {options.Rounds} round(s) of every contender, each in a process of its own, in rotating order; " +
             $"medians of the rounds. Run time {duration.TotalMinutes:0.0} min; 1-minute load average {machine.LoadAverage} at the start, {loadAverageAfter} at the end " +
             $"(above 1 on {machine.Cores} cores means other work shared the machine).");
        Line();
        WriteTargets();
        WriteThroughput();
        WriteLatency();
        WriteMemory();
        WriteImport();
        WriteContenders();
        WriteFailures();
        return text.ToString();
    }

    private string CommandLine()
    {
        var command = new StringBuilder("dotnet run --project bench/EdgeePS.Bench -c Release");
        var extra = new List<string>();
        if (options.Quick)
        {
            extra.Add("--quick");
        }
        if (options.Rounds != (options.Quick ? 3 : 5))
        {
            extra.Add($"--rounds {options.Rounds}");
        }
        if (options.Workloads.Count != Enum.GetValues<Workload>().Length)
        {
            extra.Add($"--workloads {string.Join(',', options.Workloads.Select(WorkloadNames.ToArgument))}");
        }
        if (options.Contenders is { } contenders)
        {
            extra.Add($"--contenders {string.Join(',', contenders)}");
        }
        if (extra.Count > 0)
        {
            command.Append(" -- ").AppendJoin(' ', extra);
        }
        return command.ToString();
    }

    private void WriteTargets()
    {
        if (!measurements.Any(measurement => measurement.Workload != Workload.Import) && !Has(Workload.Import, ContenderNames.EdgeePSManifest))
        {
            return;
        }

        Line("| Target (issue 4) | Limit | Measured | |");
        Line("| --- | --- | --- | --- |");
        if (Has(Workload.Throughput, ContenderNames.EdgeePS))
        {
            var ratios = FloorRatios(Workload.Throughput, ContenderNames.EdgeePS, TimePerChunk);
            Line($"| Throughput: EdgeePS time ÷ floor-parse | ≤ 2.2× | {Ratio(ratios)} | {Verdict(Statistics.Median(ratios) <= 2.2)} |");
            foreach (var reference in new[] { ContenderNames.OpenAIDotnet, ContenderNames.ScriptModule, ContenderNames.PipelineFloor })
            {
                if (Has(Workload.Throughput, reference))
                {
                    Line($"| Throughput: {reference} time ÷ floor-parse (for comparison) | | {Ratio(FloorRatios(Workload.Throughput, reference, TimePerChunk))} | |");
                }
            }
        }
        if (Has(Workload.Latency, ContenderNames.EdgeePS))
        {
            var delay = FloorRatios(Workload.Latency, ContenderNames.EdgeePS, result => result.DelayP50Us!.Value);
            var first = FloorRatios(Workload.Latency, ContenderNames.EdgeePS, result => result.FirstChunkUs!.Value);
            Line($"| Latency: EdgeePS delivery delay p50 ÷ floor-parse | ≤ 1.1× | {Ratio(delay)} | {Verdict(Statistics.Median(delay) <= 1.1)} |");
            Line($"| Latency: EdgeePS time to first chunk ÷ floor-parse | ≤ 1.2× | {Ratio(first)} | {Verdict(Statistics.Median(first) <= 1.2)} |");
        }
        if (Has(Workload.Memory, ContenderNames.EdgeePS))
        {
            var heapGrowth = Median(Workload.Memory, ContenderNames.EdgeePS, result => result.HeapAfterMB!.Value - result.HeapStartMB!.Value);
            var workingSetGrowth = Median(Workload.Memory, ContenderNames.EdgeePS, result => result.WorkingSetLateMB!.Value - result.WorkingSetEarlyMB!.Value);
            Line($"| Memory: EdgeePS over the {options.MemoryChunks:N0}-chunk stream | flat (heap +{FlatHeapGrowthMB:0} MB, working set +{FlatWorkingSetGrowthMB:0} MB at most) | " +
                 $"heap {Signed(heapGrowth)} MB after the stream; working set {Signed(workingSetGrowth)} MB from the first quarter to the last | " +
                 $"{Verdict(heapGrowth <= FlatHeapGrowthMB && workingSetGrowth <= FlatWorkingSetGrowthMB)} |");
        }
        if (Has(Workload.Throughput, ContenderNames.EdgeePS) && Has(Workload.Throughput, ContenderNames.PipelineFloor))
        {
            var edgee = Median(Workload.Throughput, ContenderNames.EdgeePS, result => result.AllocatedBytesPerChunk!.Value);
            var pipeline = Median(Workload.Throughput, ContenderNames.PipelineFloor, result => result.AllocatedBytesPerChunk!.Value);
            Line($"| Allocation per chunk in the core | measured | {edgee - pipeline:N0} B: EdgeePS {edgee:N0} B, of which the pipeline floor {pipeline:N0} B | reported |");
        }
        if (Has(Workload.Import, ContenderNames.EdgeePSManifest))
        {
            var ratios = ImportRatios(ContenderNames.EdgeePSManifest);
            Line($"| Import: EdgeePS ÷ trivial binary module | ≤ 1.5× | {Ratio(ratios)} | {Verdict(Statistics.Median(ratios) <= 1.5)} |");
            if (Has(Workload.Import, ContenderNames.TrivialManifest))
            {
                Line($"| Import: the trivial module through a manifest ÷ the bare trivial module (for comparison) | | {Ratio(ImportRatios(ContenderNames.TrivialManifest))} | |");
            }
        }
        Line();
    }

    private void WriteThroughput()
    {
        if (!Has(Workload.Throughput))
        {
            return;
        }

        Heading($"Throughput: {BenchSettings.ThroughputChunks:N0} chunks of {BenchSettings.ContentBytes} content bytes, no pacing");
        Line("| Contender | Chunks | Time (ms) | Chunks/s | Time per chunk ÷ floor-parse | Allocated per chunk (B) |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var contender in Contenders(Workload.Throughput))
        {
            Line($"| {contender} | {Median(Workload.Throughput, contender, result => result.Chunks):N0} " +
                 $"| {Median(Workload.Throughput, contender, result => result.ElapsedMs):N1} " +
                 $"| {Median(Workload.Throughput, contender, result => result.Chunks / (result.ElapsedMs / 1000)):N0} " +
                 $"| {Ratio(FloorRatios(Workload.Throughput, contender, TimePerChunk))} " +
                 $"| {Median(Workload.Throughput, contender, result => result.AllocatedBytesPerChunk!.Value):N0} |");
        }
        Line();
        Line("Allocated per chunk is everything the process allocated during the stream, on every thread, divided by the chunk count: for the " +
             "PowerShell contenders it includes the pipeline's own allocations, which pipeline-floor shows alone.");
        Line();
    }

    private void WriteLatency()
    {
        if (!Has(Workload.Latency))
        {
            return;
        }

        Heading($"Latency: {BenchSettings.LatencyChunks} chunks {BenchSettings.LatencyInterval.TotalMilliseconds:0} ms apart");
        Line("| Contender | Delivery delay p50 (µs) | p50 ÷ floor-parse | Delivery delay p90 (µs) | Time to first chunk (µs) | First chunk ÷ floor-parse |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var contender in Contenders(Workload.Latency))
        {
            Line($"| {contender} | {Median(Workload.Latency, contender, result => result.DelayP50Us!.Value):N0} " +
                 $"| {Ratio(FloorRatios(Workload.Latency, contender, result => result.DelayP50Us!.Value))} " +
                 $"| {Median(Workload.Latency, contender, result => result.DelayP90Us!.Value):N0} " +
                 $"| {Median(Workload.Latency, contender, result => result.FirstChunkUs!.Value):N0} " +
                 $"| {Ratio(FloorRatios(Workload.Latency, contender, result => result.FirstChunkUs!.Value))} |");
        }
        Line();
        Line("Delivery delay: from the server's timestamp, taken just before it writes and flushes the chunk, to the moment the chunk's text reaches " +
             "the end of the consumer (for PowerShell, inside `ForEach-Object`), on the machine's monotonic clock. Time to first chunk: from just " +
             "before the request to the first content chunk there.");
        Line();
    }

    private void WriteMemory()
    {
        if (!Has(Workload.Memory))
        {
            return;
        }

        Heading($"Memory: a {options.MemoryChunks:N0}-chunk stream");
        Line("| Contender | Time (s) | Managed heap before → after (MB) | Working set at start → first quarter → last quarter (MB) | Peak working set (MB) | Allocated per chunk (B) |");
        Line("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var contender in Contenders(Workload.Memory))
        {
            Line($"| {contender} | {Median(Workload.Memory, contender, result => result.ElapsedMs / 1000):N2} " +
                 $"| {Median(Workload.Memory, contender, result => result.HeapStartMB!.Value):N1} → {Median(Workload.Memory, contender, result => result.HeapAfterMB!.Value):N1} " +
                 $"| {Median(Workload.Memory, contender, result => result.WorkingSetStartMB!.Value):N0} → {Median(Workload.Memory, contender, result => result.WorkingSetEarlyMB!.Value):N0} → {Median(Workload.Memory, contender, result => result.WorkingSetLateMB!.Value):N0} " +
                 $"| {Median(Workload.Memory, contender, result => result.PeakWorkingSetMB!.Value):N0} " +
                 $"| {Median(Workload.Memory, contender, result => result.AllocatedBytesPerChunk!.Value):N0} |");
        }
        Line();
        Line("The heap is measured after a full collection, before and after the stream; the working set is sampled every 100 ms during it " +
             "(highest sample of the first and of the last quarter). Peak working set is the process's whole life, engine start included.");
        Line();
    }

    private void WriteImport()
    {
        if (!Has(Workload.Import))
        {
            return;
        }

        Heading("Import-Module in a fresh process");
        Line("| Module | Import-Module (ms) | ÷ trivial module |");
        Line("| --- | ---: | ---: |");
        foreach (var contender in Contenders(Workload.Import))
        {
            Line($"| {contender} | {Median(Workload.Import, contender, result => result.ElapsedMs):N1} | {Ratio(ImportRatios(contender))} |");
        }
        Line();
        Line("Each import runs in a new process and runspace, after one other command, so the engine's own start-up is not counted but the first " +
             "use of its module-loading code is, for every module alike. The hosted engine is the NuGet System.Management.Automation, which is IL " +
             "only, while an installed pwsh ships it precompiled (ReadyToRun): here that first use, reading a manifest above all, is JIT time, " +
             "and it costs less in pwsh.");
        Line();
    }

    private void WriteContenders()
    {
        var measured = measurements.Select(measurement => measurement.Contender).ToHashSet();
        if (measured.Count == 0)
        {
            return;
        }

        Heading("Contenders");
        foreach (var (name, description) in ContenderCatalog.Streaming.Select(entry => (entry.Name, entry.Description))
                     .Concat(ContenderCatalog.Imports.Select(entry => (entry.Name, entry.Description)))
                     .Where(entry => measured.Contains(entry.Name)))
        {
            Line($"- **{name}**: {description}.");
        }
        Line();
        Line("PowerShell pipelines end in `| Out-Null` (each object is dropped as it arrives; `$null = ...` would collect them all first). " +
             $"Every contender first reads a {BenchSettings.WarmupChunks:N0}-chunk stream through both its timed and its recording code, checking " +
             $"that every chunk arrives intact, then rehearses on the long stream until its times settle ({BenchSettings.MinimumRehearsal.TotalSeconds:0.#}–" +
             $"{BenchSettings.MaximumRehearsal.TotalSeconds:0.#} s: tiered JIT and dynamic PGO need that long), so only steady-state work is timed; engine " +
             $"start and module import never are. Throughput counts the fastest of {BenchSettings.ThroughputRepeats} timed runs in each process, since " +
             "other work on the machine can only add time.");
        Line();
    }

    private void WriteFailures()
    {
        if (failures.Count == 0)
        {
            return;
        }
        Heading("Failures and warnings");
        foreach (var failure in failures)
        {
            Line($"- {failure.ReplaceLineEndings(" ")}");
        }
        Line();
    }

    private static double TimePerChunk(ChildResult result) => result.ElapsedMs / result.Chunks;

    private bool Has(Workload workload, string? contender = null) =>
        measurements.Any(measurement => measurement.Workload == workload && (contender is null || measurement.Contender == contender));

    /// <summary>Contenders with results for the workload, in the catalog's order.</summary>
    private IEnumerable<string> Contenders(Workload workload)
    {
        var order = ContenderCatalog.Streaming.Select(entry => entry.Name).Concat(ContenderCatalog.Imports.Select(entry => entry.Name)).ToList();
        return measurements.Where(measurement => measurement.Workload == workload).Select(measurement => measurement.Contender).Distinct().OrderBy(order.IndexOf);
    }

    private double Median(Workload workload, string contender, Func<ChildResult, double> metric) =>
        Statistics.Median(measurements.Where(measurement => measurement.Workload == workload && measurement.Contender == contender).Select(measurement => metric(measurement.Result)));

    private List<double> FloorRatios(Workload workload, string contender, Func<ChildResult, double> metric) =>
        RoundRatios(workload, contender, ContenderNames.FloorParse, metric);

    private List<double> ImportRatios(string contender) =>
        RoundRatios(Workload.Import, contender, ContenderNames.TrivialModule, result => result.ElapsedMs);

    /// <summary>The contender's figure over the reference's, for every round in which both have one.</summary>
    private List<double> RoundRatios(Workload workload, string contender, string reference, Func<ChildResult, double> metric)
    {
        var ratios = new List<double>();
        foreach (var round in measurements.Where(measurement => measurement.Workload == workload && measurement.Contender == contender))
        {
            var baseline = measurements.FirstOrDefault(measurement => measurement.Workload == workload && measurement.Contender == reference && measurement.Round == round.Round);
            if (baseline is not null)
            {
                ratios.Add(metric(round.Result) / metric(baseline.Result));
            }
        }
        return ratios;
    }

    private static string Ratio(List<double> ratios) => ratios.Count switch
    {
        0 => "—",
        1 => string.Create(Invariant, $"{ratios[0]:0.00}×"),
        _ => string.Create(Invariant, $"{Statistics.Median(ratios):0.00}× ({ratios.Min():0.00}–{ratios.Max():0.00})"),
    };

    private static string Signed(double value) => value.ToString("+0.0;-0.0;0.0", Invariant);

    private static string Verdict(bool met) => met ? "met" : "**not met**";

    private void Heading(string heading)
    {
        Line($"#### {heading}");
        Line();
    }

    private void Line(string line = "") => text.Append(line).Append('\n');
}
