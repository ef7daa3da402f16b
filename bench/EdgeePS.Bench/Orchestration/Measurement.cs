using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Orchestration;

/// <summary>One child's result, with the round it ran in and where: ratios are only ever taken within a round.</summary>
/// <param name="Baseline">Whether it ran against the <c>--baseline</c> module rather than the one under test.</param>
public sealed record Measurement(int Round, Workload Workload, string Contender, Engine Engine, bool Baseline, ChildResult Result);
