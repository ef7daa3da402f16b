using System.Globalization;
using System.Text;
using EdgeePS.Bench.Contenders;
using EdgeePS.Bench.Orchestration;
using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Reporting;

/// <summary>
/// Turns the measurements into the Markdown report. Every figure is the median over the rounds; every ratio and every
/// difference is taken within one round (against that round's reference) and then the median of those is shown, with
/// the lowest and highest round in brackets so that noise is visible. Numbers are formatted in the current culture,
/// which Program sets to the invariant one.
/// </summary>
public sealed class ReportWriter(
    BenchOptions options,
    MachineInfo machine,
    ModuleProvenance module,
    string? baseline,
    string loadAverageAfter,
    TimeSpan duration,
    IReadOnlyList<Measurement> measurements,
    IReadOnlyList<string> failures)
{
    // Issue 13's targets, for pwsh.
    private const double ThroughputLimit = 1.25;
    private const double DelayLimit = 1.2;
    private const double FirstChunkLimit = 1.3;
    private const double ImportLimit = 1.1;
    private const double BatchLimit = 1.15;

    // "Flat": a million chunks may not grow the managed heap or the working set by more than this.
    private const double FlatHeapGrowthMB = 2;
    private const double FlatWorkingSetGrowthMB = 8;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly ContenderRun FloorParse = new(ContenderNames.FloorParse, Engine.Dotnet);

    /// <summary>
    /// The per-chunk breakdown: each row a contender that stops at one step of a chunk's way, and the row it adds to.
    /// PowerShell rows are taken from <see cref="BreakdownEngine"/>.
    /// </summary>
    private static readonly (string Step, string Contender, bool PowerShell, string? AddsTo)[] Breakdown =
    [
        ("HTTP: the response's bytes read to the end", ContenderNames.FloorRaw, false, null),
        ("+ SSE framing (System.Net.ServerSentEvents)", ContenderNames.StageSse, false, ContenderNames.FloorRaw),
        ("+ JSON to EdgeePS's StreamChunk (`StreamEventParser`)", ContenderNames.StageParse, false, ContenderNames.StageSse),
        ("  (for comparison: JSON to a lean five-field type)", ContenderNames.FloorParse, false, ContenderNames.StageSse),
        ("+ EdgeePS's open stream on one thread (`ChatCompletionStream`: request, size guard, idle timer, stop checks)", ContenderNames.StageStream, false, ContenderNames.StageParse),
        ("+ hand-off to the caller's thread (`StreamReadAhead`), nothing done with the chunks", ContenderNames.StageReadAhead, false, ContenderNames.StageStream),
        ("PowerShell: pre-built chunks, `WriteObject` into `\\| Out-Null`", ContenderNames.PipelineOutNull, true, null),
        ("+ `\\| ForEach-Object Text` (pipeline-floor, the throughput target's reference)", ContenderNames.PipelineFloor, true, ContenderNames.PipelineOutNull),
        ("EdgeePS: `Invoke-EdgeeStream \\| Out-Null`, over pre-built chunks into `\\| Out-Null`", ContenderNames.EdgeePSOutNull, true, ContenderNames.PipelineOutNull),
        ("EdgeePS: `Invoke-EdgeeStream \\| ForEach-Object Text`, over pipeline-floor (what the throughput target measures)", ContenderNames.EdgeePS, true, ContenderNames.PipelineFloor),
    ];

    private readonly StringBuilder text = new();

    /// <summary>Where the breakdown's PowerShell rows come from: pwsh, where the targets are measured, unless only hosted ran.</summary>
    private Engine BreakdownEngine =>
        measurements.Any(measurement => measurement.Workload == Workload.Throughput && measurement.Engine == Engine.Pwsh) ? Engine.Pwsh : Engine.Hosted;

    public string Write()
    {
        Line($"Measured on: {machine.Describe()}.");
        Line();
        Line($"Module: {module.Describe()}.");
        Line();
        if (baseline is not null)
        {
            Line($"Baseline: {baseline}.");
            Line();
        }
        Line($"Command: `{CommandLine()}`: {options.Rounds} round(s) of every contender, each in a process of its own, in rotating order; " +
             $"medians of the rounds. Run time {duration.TotalMinutes:0.0} min; 1-minute load average {machine.LoadAverage} at the start, {loadAverageAfter} at the end " +
             $"(above 1 on {machine.Cores} cores means other work shared the machine).");
        Line();
        WriteTargets();
        WriteBaselineComparison();
        WriteBreakdown();
        WriteThroughput();
        WriteLatency();
        WriteMemory();
        WriteImport();
        WriteBatch();
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
        if (options.Rounds != (options.Quick ? 2 : 3))
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
        if (options.Engines.Count != 2)
        {
            extra.Add($"--engines {string.Join(',', options.Engines.Select(EngineNames.ToArgument))}");
        }
        if (extra.Count > 0)
        {
            command.Append(" -- ").AppendJoin(' ', extra);
        }
        return command.ToString();
    }

    private void WriteTargets()
    {
        var rows = new List<string>();
        var edgee = (Engine engine) => new ContenderRun(ContenderNames.EdgeePS, engine);
        if (Has(Workload.Throughput, ContenderNames.EdgeePS))
        {
            rows.Add(TargetRow(
                "Throughput: `Invoke-EdgeeStream \\| ForEach-Object Text` time ÷ pipeline-floor's, 100,000 chunks",
                ThroughputLimit,
                engine => RoundRatios(Workload.Throughput, edgee(engine), new ContenderRun(ContenderNames.PipelineFloor, engine), TimePerChunk)));
        }
        if (Has(Workload.Latency, ContenderNames.EdgeePS))
        {
            rows.Add(TargetRow(
                "Latency: delivery delay p50 ÷ floor-parse's, 200 chunks 5 ms apart",
                DelayLimit,
                engine => RoundRatios(Workload.Latency, edgee(engine), FloorParse, result => result.DelayP50Us!.Value)));
            rows.Add(TargetRow(
                "Latency: time to first chunk ÷ floor-parse's (settings, request building and the call included)",
                FirstChunkLimit,
                engine => RoundRatios(Workload.Latency, edgee(engine), FloorParse, result => result.FirstChunkUs!.Value)));
        }
        if (Has(Workload.Import, ContenderNames.EdgeePSManifest))
        {
            rows.Add(TargetRow(
                "Import: `Import-Module EdgeePS.psd1` ÷ the trivial module laid out the same way (trivial-layout), fresh processes",
                ImportLimit,
                engine => ImportRatios(ContenderNames.EdgeePSManifest, ContenderNames.TrivialLayout, engine)));
        }
        if (Has(Workload.Memory, ContenderNames.EdgeePS))
        {
            rows.Add(MemoryRow());
        }
        if (Has(Workload.Batch, ContenderNames.BatchThrottle))
        {
            rows.Add(TargetRow(
                $"Batch: {BenchSettings.BatchPrompts} prompts answered {BenchSettings.BatchDelayMs} ms late, `Send-EdgeeCompletion -ThrottleLimit {BenchSettings.BatchThrottle}` total time ÷ the ideal ({BenchSettings.BatchIdealMs / 1000:0.###} s)",
                BatchLimit,
                engine => BatchRatios(new ContenderRun(ContenderNames.BatchThrottle, engine))));
        }
        if (rows.Count == 0)
        {
            return;
        }

        Line("| Target (issue 13) | Limit | pwsh | | hosted, for comparison |");
        Line("| --- | --- | --- | --- | --- |");
        rows.ForEach(row => Line(row));
        Line();
        Line("The targets refer to pwsh. Ratios of EdgeePS to a reference are taken within each round, in the same engine for PowerShell references.");
        Line();
    }

    private string TargetRow(string target, double limit, Func<Engine, List<double>> ratios)
    {
        var pwsh = ratios(Engine.Pwsh);
        var hosted = ratios(Engine.Hosted);
        var verdict = pwsh.Count == 0 ? "—" : Verdict(Statistics.Median(pwsh) <= limit);
        return $"| {target} | ≤ {limit:0.0#}× | {Ratio(pwsh)} | {verdict} | {Ratio(hosted)} |";
    }

    private string MemoryRow()
    {
        string Growth(Engine engine, out bool? flat)
        {
            var run = new ContenderRun(ContenderNames.EdgeePS, engine);
            if (!Has(Workload.Memory, run))
            {
                flat = null;
                return "—";
            }
            var heap = Median(Workload.Memory, run, result => result.HeapAfterMB!.Value - result.HeapStartMB!.Value);
            var workingSet = Median(Workload.Memory, run, result => result.WorkingSetLateMB!.Value - result.WorkingSetEarlyMB!.Value);
            flat = heap <= FlatHeapGrowthMB && workingSet <= FlatWorkingSetGrowthMB;
            return $"heap {Signed(heap)} MB after the stream, working set {Signed(workingSet)} MB from the first quarter to the last";
        }

        var pwsh = Growth(Engine.Pwsh, out var pwshFlat);
        var hosted = Growth(Engine.Hosted, out _);
        return $"| Memory over the {options.MemoryChunks:N0}-chunk stream | flat (heap +{FlatHeapGrowthMB:0} MB, working set +{FlatWorkingSetGrowthMB:0} MB at most) | " +
               $"{pwsh} | {(pwshFlat is { } flat ? Verdict(flat) : "—")} | {hosted} |";
    }

    private void WriteBaselineComparison()
    {
        var compared = measurements.Where(measurement => measurement.Baseline)
            .Select(measurement => (measurement.Workload, Run: new ContenderRun(measurement.Contender, measurement.Engine)))
            .Distinct()
            .ToList();
        if (compared.Count == 0)
        {
            return;
        }

        Heading("Before and after: the module under test beside the baseline, in the same rounds");
        Line("| Workload | Contender | Runs in | Figure | Under test | Baseline | Under test ÷ baseline |");
        Line("| --- | --- | --- | --- | ---: | ---: | ---: |");
        var figures = new (Workload Workload, string Name, Func<ChildResult, double> Metric)[]
        {
            (Workload.Throughput, "time per chunk (ns)", NsPerChunk),
            (Workload.Throughput, "CPU per chunk (ns)", CpuNsPerChunk),
            (Workload.Throughput, "allocated per chunk (B)", result => result.AllocatedBytesPerChunk!.Value),
            (Workload.Latency, "delivery delay p50 (µs)", result => result.DelayP50Us!.Value),
            (Workload.Latency, "time to first chunk (µs)", result => result.FirstChunkUs!.Value),
            (Workload.Memory, "time per chunk (ns)", NsPerChunk),
            (Workload.Import, "Import-Module (ms)", result => result.ElapsedMs),
        };
        var order = ContenderCatalog.Streaming.Select(entry => entry.Name).Concat(ContenderCatalog.Imports.Select(entry => entry.Name)).ToList();
        foreach (var (workload, run) in compared.OrderBy(pair => pair.Workload).ThenBy(pair => order.IndexOf(pair.Run.Contender)).ThenBy(pair => pair.Run.Engine))
        {
            foreach (var (_, name, metric) in figures.Where(figure => figure.Workload == workload))
            {
                var ratios = new List<double>();
                foreach (var measurement in Of(workload, run))
                {
                    if (Of(workload, run, ofBaseline: true).FirstOrDefault(candidate => candidate.Round == measurement.Round) is { } before)
                    {
                        ratios.Add(metric(measurement.Result) / metric(before.Result));
                    }
                }
                Line($"| {WorkloadNames.ToArgument(workload)} | {run.Contender} | {EngineNames.ToArgument(run.Engine)} | {name} " +
                     $"| {Median(workload, run, metric):N0} | {Statistics.Median(Of(workload, run, ofBaseline: true).Select(measurement => metric(measurement.Result))):N0} | {Ratio(ratios)} |");
            }
        }
        Line();
        Line("Each contender that runs EdgeePS ran twice in every round, once against each module, in the same rotation; the ratio is taken " +
             "within each round. Below 1.00× the module under test is the faster.");
        Line();
    }

    private void WriteBreakdown()
    {
        var engine = BreakdownEngine;
        var rows = Breakdown
            .Select(row => (row.Step, Run: new ContenderRun(row.Contender, row.PowerShell ? engine : Engine.Dotnet), AddsTo: row.AddsTo is null ? null : new ContenderRun(row.AddsTo, row.PowerShell ? engine : Engine.Dotnet)))
            .Where(row => Has(Workload.Throughput, row.Run))
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }

        Heading($"Where the time goes per chunk: {BenchSettings.ThroughputChunks:N0} chunks, no pacing (PowerShell rows in {EngineNames.ToArgument(engine)})");
        Line("| Step | Contender | Time per chunk (ns) | Step adds, time (ns) | CPU per chunk (ns) | Step adds, CPU (ns) | Allocated per chunk (B) |");
        Line("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (step, run, addsTo) in rows)
        {
            var added = addsTo is not null && Has(Workload.Throughput, addsTo);
            Line($"| {step} | {run.Contender} " +
                 $"| {Median(Workload.Throughput, run, NsPerChunk):N0} " +
                 $"| {(added ? Spread(RoundDifferences(Workload.Throughput, run, addsTo!, NsPerChunk)) : "")} " +
                 $"| {Median(Workload.Throughput, run, CpuNsPerChunk):N0} " +
                 $"| {(added ? Spread(RoundDifferences(Workload.Throughput, run, addsTo!, CpuNsPerChunk)) : "")} " +
                 $"| {Median(Workload.Throughput, run, result => result.AllocatedBytesPerChunk!.Value):N0} |");
        }
        Line();
        Line("Each row is a contender of its own that stops at one step of a chunk's way; \"step adds\" is its time (or CPU) less the row it " +
             "builds on, per chunk, taken within each round (median, lowest–highest round). Time is the wall clock of the fastest of " +
             $"{BenchSettings.ThroughputRepeats} runs of the whole stream, divided by the chunks; CPU is the process's CPU time during that run, every " +
             "thread's, so it adds up the work that EdgeePS's reader thread does beside the pipeline thread, which the wall clock hides " +
             "where a core is free. The .NET rows need no PowerShell; the last two rows are EdgeePS whole, the pipeline's own cost included.");
        Line();
    }

    private void WriteThroughput()
    {
        if (!Has(Workload.Throughput))
        {
            return;
        }

        Heading($"Throughput: {BenchSettings.ThroughputChunks:N0} chunks of {BenchSettings.ContentBytes} content bytes, no pacing");
        Line("| Contender | Runs in | Chunks | Time (ms) | Chunks/s | Time per chunk ÷ floor-parse | ÷ pipeline-floor, same engine | CPU per chunk (ns) | Allocated per chunk (B) |");
        Line("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var run in Runs(Workload.Throughput))
        {
            var pipeline = run.Engine == Engine.Dotnet ? null : new ContenderRun(ContenderNames.PipelineFloor, run.Engine);
            Line($"| {run.Contender} | {EngineNames.ToArgument(run.Engine)} | {Median(Workload.Throughput, run, result => result.Chunks):N0} " +
                 $"| {Median(Workload.Throughput, run, result => result.ElapsedMs):N1} " +
                 $"| {Median(Workload.Throughput, run, result => result.Chunks / (result.ElapsedMs / 1000)):N0} " +
                 $"| {Ratio(RoundRatios(Workload.Throughput, run, FloorParse, TimePerChunk))} " +
                 $"| {(pipeline is null ? "" : Ratio(RoundRatios(Workload.Throughput, run, pipeline, TimePerChunk)))} " +
                 $"| {Median(Workload.Throughput, run, CpuNsPerChunk):N0} " +
                 $"| {Median(Workload.Throughput, run, result => result.AllocatedBytesPerChunk!.Value):N0} |");
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
        Line("| Contender | Runs in | Delivery delay p50 (µs) | p50 ÷ floor-parse | Delivery delay p90 (µs) | Time to first chunk (µs) | First chunk ÷ floor-parse |");
        Line("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var run in Runs(Workload.Latency))
        {
            Line($"| {run.Contender} | {EngineNames.ToArgument(run.Engine)} | {Median(Workload.Latency, run, result => result.DelayP50Us!.Value):N0} " +
                 $"| {Ratio(RoundRatios(Workload.Latency, run, FloorParse, result => result.DelayP50Us!.Value))} " +
                 $"| {Median(Workload.Latency, run, result => result.DelayP90Us!.Value):N0} " +
                 $"| {Median(Workload.Latency, run, result => result.FirstChunkUs!.Value):N0} " +
                 $"| {Ratio(RoundRatios(Workload.Latency, run, FloorParse, result => result.FirstChunkUs!.Value))} |");
        }
        Line();
        Line("Delivery delay: from the server's timestamp, taken just before it writes and flushes the chunk, to the moment the chunk's text reaches " +
             "the end of the consumer (for PowerShell, inside `ForEach-Object`), on the machine's monotonic clock. Time to first chunk: from just " +
             "before the request (for EdgeePS, before its settings are resolved and the request built) to the first content chunk there, the " +
             $"median of {BenchSettings.ExtraFirstChunkSamples + 1} requests in each process (the latency stream and {BenchSettings.ExtraFirstChunkSamples} short ones). " +
             "stage-stream and stage-readahead are EdgeePS's core without PowerShell: what the engine adds is the rest.");
        Line();
    }

    private void WriteMemory()
    {
        if (!Has(Workload.Memory))
        {
            return;
        }

        Heading($"Memory: a {options.MemoryChunks:N0}-chunk stream");
        Line("| Contender | Runs in | Time (s) | Managed heap before → after (MB) | Working set at start → first quarter → last quarter (MB) | Peak working set (MB) | Allocated per chunk (B) |");
        Line("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var run in Runs(Workload.Memory))
        {
            Line($"| {run.Contender} | {EngineNames.ToArgument(run.Engine)} | {Median(Workload.Memory, run, result => result.ElapsedMs / 1000):N2} " +
                 $"| {Median(Workload.Memory, run, result => result.HeapStartMB!.Value):N1} → {Median(Workload.Memory, run, result => result.HeapAfterMB!.Value):N1} " +
                 $"| {Median(Workload.Memory, run, result => result.WorkingSetStartMB!.Value):N0} → {Median(Workload.Memory, run, result => result.WorkingSetEarlyMB!.Value):N0} → {Median(Workload.Memory, run, result => result.WorkingSetLateMB!.Value):N0} " +
                 $"| {Median(Workload.Memory, run, result => result.PeakWorkingSetMB!.Value):N0} " +
                 $"| {Median(Workload.Memory, run, result => result.AllocatedBytesPerChunk!.Value):N0} |");
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
        Line("| Module | Runs in | Import-Module (ms) | ÷ trivial-module | ÷ trivial-layout |");
        Line("| --- | --- | ---: | ---: | ---: |");
        foreach (var run in Runs(Workload.Import))
        {
            Line($"| {run.Contender} | {EngineNames.ToArgument(run.Engine)} | {Median(Workload.Import, run, result => result.ElapsedMs):N1} " +
                 $"| {Ratio(ImportRatios(run.Contender, ContenderNames.TrivialModule, run.Engine))} " +
                 $"| {Ratio(ImportRatios(run.Contender, ContenderNames.TrivialLayout, run.Engine))} |");
        }
        Line();
        Line("Each import runs in a new process, after one other command, so the engine's own start-up is not counted but the first use of its " +
             "module-loading code is, for every module alike: in pwsh, `pwsh -NoProfile -NonInteractive -File Pwsh/Import.ps1`; hosted, a new " +
             "runspace in a new benchmark process. Ratios are to the reference in the same engine and round. The pinned pwsh tool and " +
             "Microsoft.PowerShell.SDK carry the same System.Management.Automation, IL only (no ReadyToRun code), so in both that first use is " +
             "JIT time; a pwsh whose assemblies are precompiled was not measured.");
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
        foreach (var entry in ContenderCatalog.Streaming.Where(entry => measured.Contains(entry.Name)))
        {
            Line($"- **{entry.Name}** ({string.Join(", ", entry.Engines.Select(EngineNames.ToArgument))}): {entry.Description}.");
        }
        foreach (var entry in ContenderCatalog.Imports.Where(entry => measured.Contains(entry.Name)))
        {
            Line($"- **{entry.Name}**: {entry.Description}.");
        }
        foreach (var (name, description) in BatchCatalog.Contenders.Where(entry => measured.Contains(entry.Name)))
        {
            Line($"- **{name}** (pwsh): {description}.");
        }
        Line();
        Line("Runs in: **pwsh** is the pinned pwsh, `pwsh -NoProfile -NonInteractive -File Pwsh/Contender.ps1`, which loads the benchmark's " +
             "assembly and runs the contender's pipelines in pwsh's own runspace, on its pipeline thread, as a user's commands run (as nested " +
             "pipelines of that script); **hosted** is a runspace of Microsoft.PowerShell.SDK inside the benchmark's own child process, as the " +
             "tests host it, where each pipeline starts on a new thread; **dotnet** needs no PowerShell. PowerShell pipelines end in `| Out-Null` " +
             "(each object is dropped as it arrives; `$null = ...` would collect them all first). " +
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

    private static double NsPerChunk(ChildResult result) => result.ElapsedMs * 1e6 / result.Chunks;

    private void WriteBatch()
    {
        if (!Has(Workload.Batch))
        {
            return;
        }

        Heading("Many prompts at once");
        Line("| Contender | Runs in | Total (s) | ÷ ideal | ÷ batch-throttle |");
        Line("| --- | --- | ---: | ---: | ---: |");
        var throttle = new ContenderRun(ContenderNames.BatchThrottle, Engine.Pwsh);
        foreach (var (name, _) in BatchCatalog.Contenders)
        {
            var run = new ContenderRun(name, Engine.Pwsh);
            if (!Has(Workload.Batch, run))
            {
                continue;
            }
            Line($"| {name} | pwsh | {Median(Workload.Batch, run, result => result.ElapsedMs / 1000):N2} | {Ratio(BatchRatios(run))} " +
                 $"| {(Has(Workload.Batch, throttle) ? Ratio(RoundRatios(Workload.Batch, run, throttle, result => result.ElapsedMs)) : "")} |");
        }
        Line();
        Line($"{BenchSettings.BatchPrompts} prompts, each answered whole by the bench server {BenchSettings.BatchDelayMs} ms after it arrives, " +
             $"{BenchSettings.BatchThrottle} at a time; the ideal, {BenchSettings.BatchPrompts} ÷ {BenchSettings.BatchThrottle} × {BenchSettings.BatchDelayMs} ms " +
             $"= {BenchSettings.BatchIdealMs / 1000:0.###} s, is what {BenchSettings.BatchThrottle} slots never left idle would take. Each contender runs in " +
             "`pwsh -NoProfile -NonInteractive -File Pwsh/Batch.ps1`, after a warm-up batch against an undelayed model; the answers are checked " +
             "(in input order, but for ForEach-Object -Parallel, which writes them as they finish). ForEach-Object -Parallel imports the module " +
             "in each of its runspaces in the timed run, as a user's script must.");
        Line();
    }

    private List<double> BatchRatios(ContenderRun run) =>
        [.. Of(Workload.Batch, run).Select(measurement => measurement.Result.ElapsedMs / BenchSettings.BatchIdealMs)];

    private static double CpuNsPerChunk(ChildResult result) => (result.CpuMs ?? double.NaN) * 1e6 / result.Chunks;

    private bool Has(Workload workload, string? contender = null) =>
        measurements.Any(measurement => measurement.Workload == workload && (contender is null || measurement.Contender == contender));

    private bool Has(Workload workload, ContenderRun run) => Of(workload, run).Any();

    /// <summary>The run's measurements against the module under test, or (<paramref name="ofBaseline"/>) against the baseline.</summary>
    private IEnumerable<Measurement> Of(Workload workload, ContenderRun run, bool ofBaseline = false) =>
        measurements.Where(measurement => measurement.Workload == workload && measurement.Contender == run.Contender && measurement.Engine == run.Engine && measurement.Baseline == ofBaseline);

    /// <summary>Contenders with results for the workload, in the catalog's order, pwsh before hosted.</summary>
    private IEnumerable<ContenderRun> Runs(Workload workload)
    {
        var order = ContenderCatalog.Streaming.Select(entry => entry.Name).Concat(ContenderCatalog.Imports.Select(entry => entry.Name)).ToList();
        return measurements.Where(measurement => measurement.Workload == workload && !measurement.Baseline)
            .Select(measurement => new ContenderRun(measurement.Contender, measurement.Engine))
            .Distinct()
            .OrderBy(run => order.IndexOf(run.Contender))
            .ThenBy(run => run.Engine == Engine.Pwsh ? 0 : 1);
    }

    private double Median(Workload workload, ContenderRun run, Func<ChildResult, double> metric) =>
        Statistics.Median(Of(workload, run).Select(measurement => metric(measurement.Result)));

    private List<double> ImportRatios(string contender, string reference, Engine engine) =>
        RoundRatios(Workload.Import, new ContenderRun(contender, engine), new ContenderRun(reference, engine), result => result.ElapsedMs);

    /// <summary>The run's figure over the reference's, for every round in which both have one.</summary>
    private List<double> RoundRatios(Workload workload, ContenderRun run, ContenderRun reference, Func<ChildResult, double> metric) =>
        InRounds(workload, run, reference, (value, baseline) => value / baseline, metric);

    /// <summary>The run's figure less the reference's, for every round in which both have one.</summary>
    private List<double> RoundDifferences(Workload workload, ContenderRun run, ContenderRun reference, Func<ChildResult, double> metric) =>
        InRounds(workload, run, reference, (value, baseline) => value - baseline, metric);

    private List<double> InRounds(Workload workload, ContenderRun run, ContenderRun reference, Func<double, double, double> combine, Func<ChildResult, double> metric)
    {
        var values = new List<double>();
        foreach (var measurement in Of(workload, run))
        {
            var baseline = Of(workload, reference).FirstOrDefault(candidate => candidate.Round == measurement.Round);
            if (baseline is not null)
            {
                values.Add(combine(metric(measurement.Result), metric(baseline.Result)));
            }
        }
        return values;
    }

    private static string Ratio(List<double> ratios) => ratios.Count switch
    {
        0 => "—",
        1 => string.Create(Invariant, $"{ratios[0]:0.00}×"),
        _ => string.Create(Invariant, $"{Statistics.Median(ratios):0.00}× ({ratios.Min():0.00}–{ratios.Max():0.00})"),
    };

    private static string Spread(List<double> values) => values.Count switch
    {
        0 => "—",
        1 => Signed(values[0], "0"),
        _ => $"{Signed(Statistics.Median(values), "0")} ({values.Min():N0}–{values.Max():N0})",
    };

    private static string Signed(double value) => Signed(value, "0.0");

    private static string Signed(double value, string format) => value.ToString($"+{format};-{format};{format}", Invariant);

    private static string Verdict(bool met) => met ? "met" : "**not met**";

    private void Heading(string heading)
    {
        Line($"#### {heading}");
        Line();
    }

    private void Line(string line = "") => text.Append(line).Append('\n');
}
