using System.Linq;
using System.Management.Automation.Runspaces;
using EdgeePS.Settings;
using EdgeePS.Simulation;

namespace EdgeePS
{
    /// <summary>
    /// A local gateway simulator running in this process, as Start-EdgeeSimulator returns it: point EdgeePS at
    /// <see cref="BaseUrl"/>, script answers with Add-EdgeeSimulatorResponse, read <see cref="Requests"/>.
    /// </summary>
    public sealed class Simulator
    {
        internal Simulator(GatewaySimulator gateway, Runspace? owner)
        {
            Gateway = gateway;
            Owner = owner;
            BaseUrl = gateway.BaseUrl.GetLeftPart(System.UriPartial.Authority);
        }

        /// <summary>Scheme, host and port, e.g. http://127.0.0.1:40123: what -BaseUrl and Connect-Edgee take.</summary>
        public string BaseUrl { get; }

        /// <summary>False once Stop-EdgeeSimulator (or the end of its runspace, or module removal) stopped it.</summary>
        public bool Running => Gateway.IsRunning;

        /// <summary>Every request it received, in arrival order (also after it stopped).</summary>
        public SimulatorRequest[] Requests => Gateway.Requests.Select(request => new SimulatorRequest(request)).ToArray();

        /// <summary>Answers queued with Add-EdgeeSimulatorResponse that no request has taken yet.</summary>
        public int QueuedResponses => Gateway.PendingResponses;

        internal GatewaySimulator Gateway { get; }

        /// <summary>The runspace that started it: its simulators stop when it closes or removes the module.</summary>
        internal Runspace? Owner { get; }

        /// <summary>The session settings Start-EdgeeSimulator -Connect made, which Stop-EdgeeSimulator takes back.</summary>
        internal ConnectionSettings? ConnectedSettings { get; set; }

        /// <summary>The base URL, so the object itself can be passed to -BaseUrl.</summary>
        public override string ToString() => BaseUrl;
    }
}
