using Microsoft.Extensions.Hosting;

namespace EdgeePS.Simulator;

/// <summary>
/// Replaces the generic host's console lifetime, which would swallow Ctrl+C and SIGTERM for the whole process:
/// the simulator lives inside test runners and the demo, whose own Ctrl+C handling must keep working.
/// </summary>
internal sealed class SilentHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
