using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Help;

/// <summary>One runspace with EdgeePS imported through the root manifest, shared by a test class that only reads.</summary>
public sealed class ImportedModuleFixture : IDisposable
{
    public PowerShellSession Session { get; } = new();

    public void Dispose() => Session.Dispose();
}
