using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Reporting;

/// <summary>A contender in one engine: what a row of the report is about.</summary>
internal sealed record ContenderRun(string Contender, Engine Engine);
