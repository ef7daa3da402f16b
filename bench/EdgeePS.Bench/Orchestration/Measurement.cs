using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Orchestration;

/// <summary>One child's result, with the round it ran in: ratios are only ever taken within a round.</summary>
public sealed record Measurement(int Round, Workload Workload, string Contender, ChildResult Result);
