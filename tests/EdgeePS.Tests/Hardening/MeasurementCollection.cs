namespace EdgeePS.Tests.Hardening;

/// <summary>
/// Heap measurements are process-wide: a test that measures must not share the process with tests that allocate.
/// Collections that disable parallelisation run on their own, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasurementCollection
{
    public const string Name = "Measurement";
}
