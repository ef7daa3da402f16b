using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace EdgeePS.Tests.Infrastructure;

/// <summary>
/// A real PowerShell 7 runspace with EdgeePS imported the way a user imports it: through the root manifest.
/// Runs one script at a time. Cmdlet tests pass -ApiKey and -BaseUrl explicitly; only tests in the
/// <see cref="EnvironmentCollection"/> may set <c>$env:EDGEE_*</c>, because environment variables are process-wide.
/// After a <see cref="TimeoutException"/> the session may still be busy: dispose it.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly Runspace runspace;

    /// <param name="importModule">False only for tests of the harness itself, which must not depend on the module.</param>
    /// <param name="host">A host that records what a person would see; the engine's silent default otherwise.</param>
    public PowerShellSession(bool importModule = true, RecordingHost? host = null)
    {
        var state = InitialSessionState.CreateDefault2();
        runspace = host is null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        if (!importModule)
        {
            return;
        }

        var import = Run($"Import-Module -Name '{ModulePaths.ManifestPath.Replace("'", "''")}' -ErrorAction Stop");
        if (import.HadErrors)
        {
            Dispose();
            throw new InvalidOperationException($"Import-Module {ModulePaths.ManifestPath} failed:{Environment.NewLine}{import.AllText()}");
        }
    }

    /// <summary>Runs <paramref name="script"/> to its end; terminating errors land in <see cref="PowerShellResult.TerminatingError"/>.</summary>
    public PowerShellResult Run(string script, IDictionary<string, object?>? variables = null, TimeSpan? timeout = null) =>
        Start(script, variables, timeout).Completion.GetAwaiter().GetResult();

    public Task<PowerShellResult> RunAsync(string script, IDictionary<string, object?>? variables = null, TimeSpan? timeout = null) =>
        Start(script, variables, timeout).Completion;

    /// <summary>Starts <paramref name="script"/> and returns at once, for tests that watch output arrive or stop the pipeline.</summary>
    public RunningPipeline Start(string script, IDictionary<string, object?>? variables = null, TimeSpan? timeout = null)
    {
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
        {
            runspace.SessionStateProxy.SetVariable(name, value);
        }
        var powerShell = PowerShell.Create();
        powerShell.Runspace = runspace;
        powerShell.AddScript(script);
        return new RunningPipeline(powerShell, script, timeout ?? DefaultTimeout);
    }

    public void Dispose() => runspace.Dispose();
}
