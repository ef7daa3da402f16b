using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Contenders;

/// <summary>Every contender, in the order the report lists them, with the workloads each takes part in.</summary>
public static class ContenderCatalog
{
    public static readonly IReadOnlyList<ContenderEntry> Streaming =
    [
        new(ContenderNames.FloorRaw, "HttpClient reading the response bytes to the end: the transport limit",
            [Workload.Throughput], _ => new FloorRawContender()),
        new(ContenderNames.FloorParse, "HttpClient + System.Net.ServerSentEvents + System.Text.Json (source-generated) into typed chunks: the reference for every ratio",
            [Workload.Throughput, Workload.Latency, Workload.Memory], _ => new FloorParseContender()),
        new(ContenderNames.PipelineFloor, "a binary cmdlet writing pre-built EdgeePS.StreamChunk objects `| ForEach-Object Text`: the PowerShell pipeline's own cost",
            [Workload.Throughput], _ => new PipelineFloorContender()),
        new(ContenderNames.CmdletFloor, "floor-parse's loop inside a minimal binary cmdlet, single-threaded, `| ForEach-Object Text`: what a cmdlet pays for the network, the parse and the pipeline when nothing overlaps",
            [Workload.Throughput, Workload.Latency], _ => new CmdletFloorContender()),
        new(ContenderNames.EdgeePS, "`Invoke-EdgeeStream <model> <input> | ForEach-Object Text`",
            [Workload.Throughput, Workload.Latency, Workload.Memory], _ => new EdgeePSContender()),
        new(ContenderNames.OpenAIDotnet, "the OpenAI NuGet package 2.15.0, `ChatClient.CompleteChatStreaming`",
            [Workload.Throughput, Workload.Latency], server => new OpenAIDotnetContender(server)),
        new(ContenderNames.ScriptModule, "a script module in the usual style: HttpClient + ReadLine + JsonDocument.Parse per line, in script",
            [Workload.Throughput, Workload.Latency], _ => new ScriptModuleContender()),
    ];

    public static readonly IReadOnlyList<ImportEntry> Imports =
    [
        new(ContenderNames.EdgeePSManifest, "`Import-Module EdgeePS.psd1`, as users import it (manifest, psm1, assembly, format file)", () => RepoPaths.ManifestPath),
        new(ContenderNames.EdgeePSAssembly, "`Import-Module module/core/EdgeePS.dll`: the assembly alone", () => RepoPaths.CoreModuleAssembly),
        new(ContenderNames.TrivialManifest, "the trivial module below imported through a manifest, as EdgeePS is: what a manifest costs any module", () => RepoPaths.TrivialModuleManifest),
        new(ContenderNames.TrivialModule, "`Import-Module` of a binary module with one no-op cmdlet, built like EdgeePS (net8.0): the reference", () => RepoPaths.TrivialModuleAssembly),
    ];

    public static ContenderEntry Find(string name) =>
        Streaming.FirstOrDefault(entry => entry.Name == name)
        ?? throw new ArgumentException($"Unknown contender '{name}'; expected one of: {string.Join(", ", Streaming.Select(entry => entry.Name))}.");

    public static ImportEntry FindImport(string name) =>
        Imports.FirstOrDefault(entry => entry.Name == name)
        ?? throw new ArgumentException($"Unknown import contender '{name}'; expected one of: {string.Join(", ", Imports.Select(entry => entry.Name))}.");
}
