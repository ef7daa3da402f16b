using System.Management.Automation;

namespace EdgeePS.Cmdlets
{
    /// <summary>What the cmdlets that work on a running simulator share: the simulator, from the pipeline or by position.</summary>
    public abstract class SimulatorCommandBase : PSCmdlet
    {
        /// <summary>The simulator Start-EdgeeSimulator returned.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public Simulator Simulator { get; set; } = null!;
    }
}
