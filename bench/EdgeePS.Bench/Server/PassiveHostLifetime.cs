using Microsoft.Extensions.Hosting;

namespace EdgeePS.Bench.Server;

/// <summary>
/// Takes the place of the console lifetime, which would catch Ctrl+C for the whole orchestrator: Ctrl+C must
/// stop the benchmark (and its children), not just the server inside it.
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
