using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Help;

/// <summary>
/// One runspace with EdgeePS imported through the root manifest, whose console output is recorded: help and
/// format views are what a person sees.
/// </summary>
public sealed class ImportedModuleFixture : IDisposable
{
    public ImportedModuleFixture() => Session = new PowerShellSession(host: Host);

    public RecordingHost Host { get; } = new();

    public PowerShellSession Session { get; }

    public void Dispose() => Session.Dispose();
}
