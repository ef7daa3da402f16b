using System.Globalization;
using EdgeePS.Bench.Contenders;
using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Orchestration;

/// <summary>The orchestrator's command line.</summary>
public sealed class BenchOptions
{
    public const string Usage = """
        Usage: dotnet run --project bench/EdgeePS.Bench -c Release -- [options]
          --rounds N           rounds, each running every contender once in a rotated order (default 3; 2 with --quick)
          --quick              script-module throughput on 10,000 chunks and the memory stream on 200,000
          --workloads a,b      only these of: throughput, latency, memory, import, batch (batch alone: --workloads batch)
          --contenders a,b     only these contenders (floor-parse always runs, and each target's reference with its contender)
          --engines a,b        where the PowerShell contenders run: pwsh (the pinned pwsh tool), hosted (in-process); default both
          --baseline DIR       also run every contender that runs EdgeePS against the module in DIR (its EdgeePS.psd1 and
                               module/, e.g. a Release build of another checkout), side by side in the same rounds
          --output FILE        also write the Markdown report to FILE
        """;

    public int Rounds { get; private init; } = 3;
    public bool Quick { get; private init; }
    public IReadOnlyList<Workload> Workloads { get; private init; } = Enum.GetValues<Workload>();
    public IReadOnlySet<string>? Contenders { get; private init; }
    public IReadOnlyList<Engine> Engines { get; private init; } = [Engine.Pwsh, Engine.Hosted];
    public string? OutputPath { get; private init; }
    public string? BaselinePath { get; private init; }

    public int ThroughputChunksFor(string contender) =>
        Quick && contender == ContenderNames.ScriptModule ? BenchSettings.QuickScriptModuleThroughputChunks : BenchSettings.ThroughputChunks;

    public int MemoryChunks => Quick ? BenchSettings.QuickMemoryChunks : BenchSettings.MemoryChunks;

    public bool Includes(string contender) =>
        Contenders is null || Contenders.Contains(contender) || contender == ContenderNames.FloorParse
        || (MeasuredAgainst(contender) is { } measured && Contenders.Contains(measured));

    public bool Includes(Engine engine) => engine == Engine.Dotnet || Engines.Contains(engine);

    // A target's reference runs whenever the contender measured against it does: the throughput target is a ratio to
    // pipeline-floor, the import target one to trivial-layout.
    private static string? MeasuredAgainst(string reference) => reference switch
    {
        ContenderNames.PipelineFloor => ContenderNames.EdgeePS,
        ContenderNames.TrivialLayout => ContenderNames.EdgeePSManifest,
        _ => null,
    };

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        int? rounds = null;
        var quick = false;
        IReadOnlyList<Workload>? workloads = null;
        HashSet<string>? contenders = null;
        IReadOnlyList<Engine>? engines = null;
        string? output = null;
        string? baseline = null;
        for (var index = 0; index < args.Count; index++)
        {
            switch (args[index])
            {
                case "--rounds":
                    rounds = int.Parse(Value(args, ref index), NumberStyles.None, CultureInfo.InvariantCulture);
                    if (rounds < 1)
                    {
                        throw new ArgumentException("--rounds must be at least 1.");
                    }
                    break;
                case "--quick":
                    quick = true;
                    break;
                case "--workloads":
                    workloads = [.. Value(args, ref index).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(WorkloadNames.Parse).Distinct()];
                    break;
                case "--contenders":
                    contenders = [.. Value(args, ref index).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                    var known = ContenderCatalog.Streaming.Select(entry => entry.Name).Concat(ContenderCatalog.Imports.Select(entry => entry.Name)).Concat(BatchCatalog.Contenders.Select(entry => entry.Name)).ToHashSet();
                    if (contenders.FirstOrDefault(name => !known.Contains(name)) is { } unknown)
                    {
                        throw new ArgumentException($"Unknown contender '{unknown}'; expected some of: {string.Join(", ", known)}.");
                    }
                    break;
                case "--engines":
                    engines = [.. Value(args, ref index).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(EngineNames.Parse).Distinct()];
                    if (engines.Contains(Engine.Dotnet))
                    {
                        throw new ArgumentException("--engines takes pwsh and hosted; the contenders without PowerShell always run.");
                    }
                    break;
                case "--output":
                    output = Path.GetFullPath(Value(args, ref index));
                    break;
                case "--baseline":
                    baseline = Path.GetFullPath(Value(args, ref index));
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[index]}'.");
            }
        }

        return new BenchOptions
        {
            Rounds = rounds ?? (quick ? 2 : 3),
            Quick = quick,
            Workloads = workloads ?? Enum.GetValues<Workload>(),
            Contenders = contenders,
            Engines = engines ?? [Engine.Pwsh, Engine.Hosted],
            OutputPath = output,
            BaselinePath = baseline,
        };
    }

    private static string Value(IReadOnlyList<string> args, ref int index) =>
        ++index < args.Count ? args[index] : throw new ArgumentException($"{args[index - 1]} needs a value.");
}
