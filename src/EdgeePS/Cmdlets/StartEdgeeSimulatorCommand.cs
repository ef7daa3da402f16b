using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net.Sockets;
using EdgeePS.Settings;
using EdgeePS.Simulation;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Starts a local gateway simulator on 127.0.0.1 in this process, for testing scripts that call EdgeePS
    /// without a key or a network. With -Connect, this session's EdgeePS commands use it (Connect-Edgee with a test key).
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "EdgeeSimulator")]
    [OutputType(typeof(Simulator))]
    public sealed class StartEdgeeSimulatorCommand : PSCmdlet
    {
        /// <summary>The key -Connect sets: the simulator accepts any bearer token.</summary>
        internal const string TestApiKey = "sk-edgee-simulator";

        /// <summary>Point this session at the simulator, as Connect-Edgee -ApiKey (a test key) -BaseUrl (its address) would.</summary>
        [Parameter]
        public SwitchParameter Connect { get; set; }

        protected override void EndProcessing()
        {
            GatewaySimulator gateway;
            try
            {
                gateway = GatewaySimulator.Start();
            }
            catch (SocketException error)
            {
                ThrowTerminatingError(new ErrorRecord(error, SimulatorErrorIds.SimulatorStartFailed, ErrorCategory.ResourceUnavailable, null));
                return;
            }

            var simulator = new Simulator(gateway, Runspace.DefaultRunspace);
            RunspaceSimulators.Add(simulator);
            WriteVerbose($"The gateway simulator listens on {simulator.BaseUrl}.");
            if (Connect)
            {
                var settings = new ConnectionSettings { ApiKey = TestApiKey, BaseUrl = simulator.BaseUrl };
                SessionConfiguration.Set(settings);
                simulator.ConnectedSettings = settings;
                WriteVerbose($"EdgeePS commands in this session now use the simulator at {simulator.BaseUrl}, until Stop-EdgeeSimulator.");
            }

            WriteObject(simulator);
        }
    }
}
