using System.Management.Automation;
using System.Management.Automation.Runspaces;
using EdgeePS.Cmdlets;

namespace EdgeePS.Module
{
    /// <summary>Remove-Module EdgeePS (and Import-Module -Force, which removes first) stops the simulators that runspace started.</summary>
    public sealed class SimulatorCleanup : IModuleAssemblyCleanup
    {
        public void OnRemove(PSModuleInfo psModuleInfo) => RunspaceSimulators.StopAll(Runspace.DefaultRunspace);
    }
}
