using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Cmdlets;

/// <summary>A runspace whose console output is recorded, for commands meant for people at a prompt.</summary>
public sealed class HostSessionFixture : IDisposable
{
    public HostSessionFixture() => Session = new PowerShellSession(host: Host);

    public RecordingHost Host { get; } = new();

    public PowerShellSession Session { get; }

    public void Dispose() => Session.Dispose();
}
