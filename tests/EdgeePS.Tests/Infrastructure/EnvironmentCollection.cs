using Xunit;

namespace EdgeePS.Tests.Infrastructure;

/// <summary>
/// Environment variables are process-wide, and xunit runs test classes in parallel. Tests that set or read
/// EDGEE_API_KEY / EDGEE_BASE_URL go in this collection, which runs alone; every other cmdlet test passes
/// -ApiKey and -BaseUrl explicitly and must not depend on the environment.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "Environment";
}
