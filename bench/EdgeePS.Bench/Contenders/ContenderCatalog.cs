using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Contenders;

/// <summary>Every contender, in the order the report lists them, with the workloads each takes part in and where it runs.</summary>
public static class ContenderCatalog
{
    private static readonly Engine[] NoPowerShell = [Engine.Dotnet];
    private static readonly Engine[] BothEngines = [Engine.Pwsh, Engine.Hosted];

    // The breakdown's PowerShell stages run where the targets are measured.
    private static readonly Engine[] PwshOnly = [Engine.Pwsh];

    public static readonly IReadOnlyList<ContenderEntry> Streaming =
    [
        new(ContenderNames.FloorRaw, "HttpClient reading the response bytes to the end: the transport limit",
            [Workload.Throughput], NoPowerShell, _ => new FloorRawContender()),
        new(ContenderNames.StageSse, "floor-raw plus System.Net.ServerSentEvents framing each event, its data looked at only for [DONE]",
            [Workload.Throughput], NoPowerShell, _ => new StageSseContender()),
        new(ContenderNames.FloorParse, "HttpClient + System.Net.ServerSentEvents + System.Text.Json (source-generated) into a lean typed chunk: the reference for the ratios to floor-parse",
            [Workload.Throughput, Workload.Latency, Workload.Memory], NoPowerShell, _ => new FloorParseContender()),
        new(ContenderNames.StageParse, "stage-sse plus EdgeePS's event parser (`StreamEventParser`) into EdgeePS's StreamChunk, on the caller's thread",
            [Workload.Throughput], NoPowerShell, _ => new StageParseContender(), LoadsEdgeePS: true),
        new(ContenderNames.StageStream, "EdgeePS's core without PowerShell, on one thread: settings, request, the retry-aware open, then `ChatCompletionStream.Read` (size guard, idle timer, stop checks)",
            [Workload.Throughput, Workload.Latency], NoPowerShell, _ => new EdgeePSCoreContender(readAhead: false), LoadsEdgeePS: true),
        new(ContenderNames.StageReadAhead, "stage-stream with EdgeePS's read-ahead: events read on its reader thread, taken on the caller's (`StreamReadAhead`)",
            [Workload.Throughput, Workload.Latency], NoPowerShell, _ => new EdgeePSCoreContender(readAhead: true), LoadsEdgeePS: true),
        new(ContenderNames.PipelineOutNull, "pre-built EdgeePS.StreamChunk objects written by a binary cmdlet into `| Out-Null`: WriteObject and the pipeline, without `ForEach-Object`",
            [Workload.Throughput], PwshOnly, setup => new PipelineFloorContender(setup, forEachText: false), LoadsEdgeePS: true),
        new(ContenderNames.PipelineFloor, "a binary cmdlet writing pre-built EdgeePS.StreamChunk objects `| ForEach-Object Text`: the PowerShell pipeline's own cost, and the throughput target's reference",
            [Workload.Throughput], BothEngines, setup => new PipelineFloorContender(setup, forEachText: true), LoadsEdgeePS: true),
        new(ContenderNames.CmdletFloor, "floor-parse's loop inside a minimal binary cmdlet, single-threaded, `| ForEach-Object Text`: what a cmdlet pays for the network, the parse and the pipeline when nothing overlaps",
            [Workload.Throughput, Workload.Latency], BothEngines, setup => new CmdletFloorContender(setup)),
        new(ContenderNames.EdgeePSOutNull, "`Invoke-EdgeeStream <model> <input> | Out-Null`: EdgeePS without `ForEach-Object`",
            [Workload.Throughput], PwshOnly, setup => new EdgeePSContender(setup, forEachText: false), LoadsEdgeePS: true),
        new(ContenderNames.EdgeePS, "`Invoke-EdgeeStream <model> <input> | ForEach-Object Text`",
            [Workload.Throughput, Workload.Latency, Workload.Memory], BothEngines, setup => new EdgeePSContender(setup, forEachText: true), LoadsEdgeePS: true),
        new(ContenderNames.OpenAIDotnet, "the OpenAI NuGet package 2.15.0, `ChatClient.CompleteChatStreaming`",
            [Workload.Throughput, Workload.Latency], NoPowerShell, setup => new OpenAIDotnetContender(setup.Server)),
        new(ContenderNames.ScriptModule, "a script module in the usual style: HttpClient + ReadLine + JsonDocument.Parse per line, in script",
            [Workload.Throughput, Workload.Latency], BothEngines, setup => new ScriptModuleContender(setup)),
    ];

    public static readonly IReadOnlyList<ImportEntry> Imports =
    [
        new(ContenderNames.EdgeePSManifest, "`Import-Module EdgeePS.psd1`, as users import it (manifest, psm1 loader, assembly, format and types files)", root => RepoPaths.ManifestIn(root), LoadsEdgeePS: true),
        new(ContenderNames.EdgeePSAssembly, "`Import-Module module/core/EdgeePS.dll`: the assembly alone", root => RepoPaths.CoreModuleAssemblyIn(root), LoadsEdgeePS: true),
        new(ContenderNames.TrivialLayout, "the trivial module below laid out as EdgeePS is (manifest, psm1 loader, module/core, a dependencies folder, a one-view format file and a one-member types file): the import target's reference", _ => RepoPaths.TrivialLayoutManifest),
        new(ContenderNames.TrivialManifest, "the trivial module below imported through a manifest that names the assembly: what a manifest alone costs", _ => RepoPaths.TrivialModuleManifest),
        new(ContenderNames.TrivialModule, "`Import-Module` of a binary module with one no-op cmdlet, built like EdgeePS (net8.0): the bare reference", _ => RepoPaths.TrivialModuleAssembly),
    ];

    public static ContenderEntry Find(string name) =>
        Streaming.FirstOrDefault(entry => entry.Name == name)
        ?? throw new ArgumentException($"Unknown contender '{name}'; expected one of: {string.Join(", ", Streaming.Select(entry => entry.Name))}.");

    public static ImportEntry FindImport(string name) =>
        Imports.FirstOrDefault(entry => entry.Name == name)
        ?? throw new ArgumentException($"Unknown import contender '{name}'; expected one of: {string.Join(", ", Imports.Select(entry => entry.Name))}.");
}
