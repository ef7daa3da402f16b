using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Contenders;

/// <param name="Engines">Where it runs: <see cref="Engine.Dotnet"/> alone for the contenders without PowerShell.</param>
/// <param name="Create">Builds the contender in the child process.</param>
/// <param name="LoadsEdgeePS">Whether it runs EdgeePS's code, and so runs again against a <c>--baseline</c> module.</param>
public sealed record ContenderEntry(
    string Name, string Description, IReadOnlyList<Workload> Workloads, IReadOnlyList<Engine> Engines, Func<ContenderSetup, IContender> Create, bool LoadsEdgeePS = false);
