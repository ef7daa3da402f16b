using EdgeePS.Simulation;

namespace EdgeePS.Tests.Hardening;

/// <summary>
/// One error scenario of the secrets test: what the gateway is scripted to do, the statement a user runs (with
/// <c>$key</c>, <c>$base</c>, <c>$closedBase</c> and <c>@common</c> — -Verbose -Debug -ErrorVariable — in scope), and the
/// ErrorId the scenario must produce, so a scenario that silently stopped failing cannot pass the scan vacuously.
/// </summary>
internal sealed class LeakScenario
{
    public LeakScenario(string name, string statement, string? expectedErrorId, Action<GatewaySimulator, string>? arrange = null)
    {
        Name = name;
        Statement = statement;
        ExpectedErrorId = expectedErrorId;
        Arrange = arrange ?? ((_, _) => { });
    }

    public string Name { get; }

    public string Statement { get; }

    /// <summary>Null when the scenario succeeds (its narration is still scanned).</summary>
    public string? ExpectedErrorId { get; }

    /// <summary>Scripts the gateway; the second argument is the key, for a gateway that echoes it.</summary>
    public Action<GatewaySimulator, string> Arrange { get; }

    public override string ToString() => Name;
}
