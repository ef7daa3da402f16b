using System.Globalization;
using System.Management.Automation;
using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Contenders;

/// <summary>
/// The entry Pwsh/Contender.ps1 calls, in a pwsh process: the same child as <c>dotnet EdgeePS.Bench.dll contender ...</c>,
/// its PowerShell running in pwsh's own runspace instead of an engine hosted beside it.
/// </summary>
public static class PwshChild
{
    public static int RunContender(SessionState sessionState, string name, string workload, string server, string chunks)
    {
        StagedModuleResolver.Install();
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        return ContenderProcess.Run(
            name,
            Engine.Pwsh,
            WorkloadNames.Parse(workload),
            new Uri(server),
            int.Parse(chunks, NumberStyles.None, CultureInfo.InvariantCulture),
            cmdlets => new PwshRunspace(sessionState, cmdlets));
    }
}
