using System.Management.Automation;
using System.Management.Automation.Runspaces;
using EdgeePS.Cmdlets;

namespace EdgeePS.Module
{
    /// <summary>
    /// Remove-Module EdgeePS stops the simulators the removing runspace started. (Import-Module -Force, which
    /// re-imports the already loaded assembly, does not call this, so a suite's simulator survives a re-import.)
    /// </summary>
    public sealed class SimulatorCleanup : IModuleAssemblyCleanup
    {
        public void OnRemove(PSModuleInfo psModuleInfo) => RunspaceSimulators.StopAll(Runspace.DefaultRunspace);
    }
}
