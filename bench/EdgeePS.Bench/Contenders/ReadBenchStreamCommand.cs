using System.Management.Automation;

namespace EdgeePS.Bench.Contenders;

/// <summary>
/// The cmdlet floor's producer: floor-parse's own loop (HttpClient, SseParser, System.Text.Json) run inside a binary
/// cmdlet on the pipeline thread, writing each chunk's text as it is parsed. The least any streaming cmdlet can do.
/// </summary>
[Cmdlet(VerbsCommunications.Read, "BenchStream")]
[OutputType(typeof(BenchText))]
public sealed class ReadBenchStreamCommand : PSCmdlet
{
    private static readonly HttpClient Http = new();

    [Parameter(Mandatory = true, Position = 0)]
    public StreamTarget Target { get; set; } = null!;

    protected override void ProcessRecord() =>
        FloorParseContender.ReadChunks(Http, Target, chunk => WriteObject(new BenchText(FloorParseContender.TextOf(chunk))));
}
