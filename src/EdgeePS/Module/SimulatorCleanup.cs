using System.Management.Automation;
using System.Management.Automation.Runspaces;
using EdgeePS.Cmdlets;

namespace EdgeePS.Module
{
    /// <summary>
    /// Remove-Module EdgeePS stops the simulators the removing runspace started. Import-Module -Force leaves them
    /// running (seen on pwsh 7.6.10), so a Pester suite's simulator survives another file re-importing the module.
    /// </summary>
    public sealed class SimulatorCleanup : IModuleAssemblyCleanup
    {
        public void OnRemove(PSModuleInfo psModuleInfo) => RunspaceSimulators.StopAll(Runspace.DefaultRunspace);
    }
}
