using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace EdgeePS.Bench.Contenders;

/// <summary>A PowerShell 7 engine inside the child process, as the tests and the demo host it, with the standard modules a pwsh user has.</summary>
public sealed class HostedPowerShell : PowerShellEngine
{
    private readonly Runspace runspace;

    /// <param name="cmdlets">The benchmark's own cmdlets the contender's scripts call.</param>
    public HostedPowerShell(IEnumerable<Type> cmdlets)
    {
        var state = InitialSessionState.CreateDefault2();
        foreach (var cmdlet in cmdlets)
        {
            state.Commands.Add(new SessionStateCmdletEntry(CmdletName(cmdlet), cmdlet, helpFileName: null));
        }
        runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
    }

    public override void SetVariable(string name, object? value) => runspace.SessionStateProxy.SetVariable(name, value);

    public override void Dispose() => runspace.Dispose();

    protected override PowerShell CreatePowerShell()
    {
        var powerShell = PowerShell.Create();
        powerShell.Runspace = runspace;
        return powerShell;
    }
}
