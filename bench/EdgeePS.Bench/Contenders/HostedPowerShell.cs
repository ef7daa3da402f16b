using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace EdgeePS.Bench.Contenders;

/// <summary>A PowerShell 7 engine inside this process, as the tests and the demo host it. Any error record fails the run.</summary>
public sealed class HostedPowerShell : IDisposable
{
    private readonly Runspace runspace;

    public HostedPowerShell(Action<InitialSessionState>? configure = null)
    {
        var state = InitialSessionState.CreateDefault2();
        configure?.Invoke(state);
        runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
    }

    public void SetVariable(string name, object? value) => runspace.SessionStateProxy.SetVariable(name, value);

    /// <summary>Runs <paramref name="script"/> to its end. Its output must be empty: a benchmark pipeline ends in a sink.</summary>
    public void Run(string script)
    {
        using var powerShell = PowerShell.Create();
        powerShell.Runspace = runspace;
        powerShell.AddScript(script);
        var output = powerShell.Invoke();
        if (powerShell.Streams.Error.Count > 0)
        {
            throw new InvalidOperationException($"The script failed: {string.Join("; ", powerShell.Streams.Error.Select(error => $"{error} ({error.FullyQualifiedErrorId})"))}{Environment.NewLine}{script}");
        }
        if (output.Count > 0)
        {
            throw new InvalidOperationException($"The script wrote {output.Count} object(s) to its output instead of its sink:{Environment.NewLine}{script}");
        }
    }

    public void Dispose() => runspace.Dispose();
}
