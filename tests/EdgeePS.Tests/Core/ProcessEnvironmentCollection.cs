using Xunit;

namespace EdgeePS.Tests.Core;

/// <summary>
/// Environment variables belong to the whole test process and xunit runs classes in parallel: every core test
/// that sets or reads EDGEE_API_KEY / EDGEE_BASE_URL joins this collection, which runs on its own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "ProcessEnvironment";
}
