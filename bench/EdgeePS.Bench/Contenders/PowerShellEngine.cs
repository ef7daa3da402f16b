using System.Collections.ObjectModel;
using System.Management.Automation;

namespace EdgeePS.Bench.Contenders;

/// <summary>
/// A PowerShell engine a contender's scripts run in: hosted in the benchmark's process (<see cref="HostedPowerShell"/>)
/// or pwsh's own runspace (<see cref="PwshRunspace"/>). The same script text runs in both. Any error record fails the run.
/// </summary>
public abstract class PowerShellEngine : IDisposable
{
    public abstract void SetVariable(string name, object? value);

    /// <summary>Runs <paramref name="script"/> to its end. Its output must be empty: a benchmark pipeline ends in a sink.</summary>
    public void Run(string script)
    {
        using var powerShell = CreatePowerShell();
        powerShell.AddScript(script);
        Collection<PSObject> output = powerShell.Invoke();
        if (powerShell.Streams.Error.Count > 0)
        {
            throw new InvalidOperationException($"The script failed: {string.Join("; ", powerShell.Streams.Error.Select(error => $"{error} ({error.FullyQualifiedErrorId})"))}{Environment.NewLine}{script}");
        }
        if (output.Count > 0)
        {
            throw new InvalidOperationException($"The script wrote {output.Count} object(s) to its output instead of its sink:{Environment.NewLine}{script}");
        }
    }

    public virtual void Dispose()
    {
    }

    protected abstract PowerShell CreatePowerShell();

    /// <summary>A cmdlet's name as PowerShell knows it, from its <see cref="CmdletAttribute"/>.</summary>
    protected static string CmdletName(Type cmdlet) =>
        cmdlet.GetCustomAttributes(typeof(CmdletAttribute), inherit: false) is [CmdletAttribute attribute, ..]
            ? $"{attribute.VerbName}-{attribute.NounName}"
            : throw new ArgumentException($"{cmdlet} has no [Cmdlet] attribute.");
}
