namespace EdgeePS.Bench.Contenders;

/// <summary>
/// cmdlet-floor: <c>Read-BenchStream $target | ForEach-Object Text</c>, floor-parse's loop inside a minimal binary
/// cmdlet, single-threaded. What the network, the parse and the pipeline cost together when nothing overlaps, and
/// what a cmdlet pays before its first chunk.
/// </summary>
public sealed class CmdletFloorContender(ContenderSetup setup) : PowerShellContender(setup.NewEngine(typeof(ReadBenchStreamCommand)))
{
    protected override string ConsumeScript => "Read-BenchStream $target | ForEach-Object Text | Out-Null";

    protected override string DeliverScript => "$recorder.Start(); Read-BenchStream $target | ForEach-Object { $recorder.Record($_.Text) }";
}
