using System.Linq;
using System.Management.Automation;

namespace EdgeePS.Cmdlets
{
    /// <summary>The requests a simulator received, oldest first: what a runbook under test sent.</summary>
    [Cmdlet(VerbsCommon.Get, "EdgeeSimulatorRequest")]
    [OutputType(typeof(SimulatorRequest))]
    public sealed class GetEdgeeSimulatorRequestCommand : SimulatorCommandBase
    {
        /// <summary>Only the most recent requests, this many.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? Last { get; set; }

        protected override void ProcessRecord()
        {
            var requests = Simulator.Requests;
            foreach (var request in Last is int last ? requests.Skip(System.Math.Max(0, requests.Length - last)) : requests)
            {
                WriteObject(request);
            }
        }
    }
}
