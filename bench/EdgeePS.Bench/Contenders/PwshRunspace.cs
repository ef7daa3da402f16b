using System.Management.Automation;

namespace EdgeePS.Bench.Contenders;

/// <summary>
/// The runspace of the pwsh process this child is (Pwsh/Contender.ps1 calls into the benchmark's assembly). Scripts
/// run as nested pipelines on pwsh's own pipeline thread, the thread a user's commands run on; variables are set in
/// the calling script's scope, which the nested pipelines share.
/// </summary>
public sealed class PwshRunspace : PowerShellEngine
{
    private readonly SessionState sessionState;

    /// <param name="sessionState">The calling script's <c>$ExecutionContext.SessionState</c>.</param>
    /// <param name="cmdlets">The benchmark's own cmdlets the contender's scripts call: their assembly is imported as a module.</param>
    public PwshRunspace(SessionState sessionState, IReadOnlyCollection<Type> cmdlets)
    {
        this.sessionState = sessionState;
        if (cmdlets.Count > 0)
        {
            SetVariable("benchCmdlets", cmdlets.Select(cmdlet => cmdlet.Assembly).Distinct().ToArray());
            Run("foreach ($assembly in $benchCmdlets) { Import-Module -Assembly $assembly -ErrorAction Stop }");
        }
    }

    // SessionStateProxy refuses calls while a pipeline runs, and one always does here: the one that called us.
    public override void SetVariable(string name, object? value) => sessionState.PSVariable.Set(name, value);

    protected override PowerShell CreatePowerShell() => PowerShell.Create(RunspaceMode.CurrentRunspace);
}
