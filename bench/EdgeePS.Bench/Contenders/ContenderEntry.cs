using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Contenders;

/// <param name="Create">Builds the contender in the child process, given the server's URL.</param>
public sealed record ContenderEntry(string Name, string Description, IReadOnlyList<Workload> Workloads, Func<Uri, IContender> Create);
