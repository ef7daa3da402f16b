using System.Management.Automation;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Stops a simulator: it stops listening and cuts open connections. If Start-EdgeeSimulator -Connect pointed
    /// the session at it, the session's settings are cleared as Disconnect-Edgee would. Stopping twice is no error.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "EdgeeSimulator", SupportsShouldProcess = true)]
    public sealed class StopEdgeeSimulatorCommand : SimulatorCommandBase
    {
        protected override void ProcessRecord()
        {
            if (!ShouldProcess(Simulator.BaseUrl, "Stop the gateway simulator"))
            {
                return;
            }

            RunspaceSimulators.Stop(Simulator);
            if (Simulator.ConnectedSettings != null && ReferenceEquals(SessionConfiguration.Current, Simulator.ConnectedSettings))
            {
                SessionConfiguration.Clear();
                WriteVerbose("The session's settings from Start-EdgeeSimulator -Connect are cleared.");
            }

            WriteVerbose($"The gateway simulator at {Simulator.BaseUrl} stopped after {Simulator.Gateway.Requests.Count} request(s).");
        }
    }
}
