using System.Management.Automation;

namespace EdgeePS.Bench.TrivialModule
{
    /// <summary>Does nothing: it exists only so the module has one cmdlet to export, as every binary module does.</summary>
    [Cmdlet(VerbsCommon.Get, "BenchNothing")]
    public sealed class GetBenchNothingCommand : PSCmdlet
    {
    }
}
