using System.Management.Automation;

namespace EdgeePS.Tests.Infrastructure;

/// <summary>
/// <c>Stop-UpstreamAfter -Count N</c>: what <c>Select-Object -First N</c> does to the commands before it, for an engine
/// that ships without Microsoft.PowerShell.Utility. It passes N objects on, then throws the engine's internal
/// StopUpstreamCommandsException, which stops everything upstream without an error record.
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "UpstreamAfter")]
[OutputType(typeof(object))]
public sealed class StopUpstreamAfterCommand : PSCmdlet
{
    private static readonly Type StopUpstreamCommandsException =
        typeof(PSCmdlet).Assembly.GetType("System.Management.Automation.StopUpstreamCommandsException", throwOnError: true)!;

    private int passed;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateRange(0, int.MaxValue)]
    public int Count { get; set; }

    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    protected override void ProcessRecord()
    {
        if (passed < Count)
        {
            WriteObject(InputObject);
            passed++;
        }
        // Like Select-Object, stop as soon as the last wanted object is out, not when one more arrives:
        // a stream must be cancelled right after its N-th chunk, not left waiting for the next.
        if (passed >= Count)
        {
            throw (Exception)Activator.CreateInstance(StopUpstreamCommandsException, this)!;
        }
    }
}
