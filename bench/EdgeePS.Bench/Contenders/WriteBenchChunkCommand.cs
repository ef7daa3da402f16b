using System.Management.Automation;

namespace EdgeePS.Bench.Contenders;

/// <summary>
/// The pipeline floor's producer: writes chunk objects that already exist, one WriteObject each, the least a
/// streaming cmdlet can do. What remains is the cost of the PowerShell pipeline itself.
/// </summary>
[Cmdlet(VerbsCommunications.Write, "BenchChunk")]
[OutputType(typeof(StreamChunk))]
public sealed class WriteBenchChunkCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public StreamChunk[] Chunk { get; set; } = [];

    protected override void ProcessRecord()
    {
        foreach (var chunk in Chunk)
        {
            WriteObject(chunk);
        }
    }
}
