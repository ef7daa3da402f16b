namespace EdgeePS.Bench.Shared;

/// <summary>The contenders' names as they appear on the command line, in child arguments and in the report.</summary>
public static class ContenderNames
{
    public const string FloorRaw = "floor-raw";
    public const string FloorParse = "floor-parse";
    public const string PipelineFloor = "pipeline-floor";
    public const string CmdletFloor = "cmdlet-floor";
    public const string EdgeePS = "edgeeps";
    public const string OpenAIDotnet = "openai-dotnet";
    public const string ScriptModule = "script-module";

    // The stages of the per-chunk breakdown, each stopping at one step of a chunk's way.
    public const string StageSse = "stage-sse";
    public const string StageParse = "stage-parse";
    public const string StageStream = "stage-stream";
    public const string StageReadAhead = "stage-readahead";
    public const string PipelineOutNull = "pipeline-out-null";
    public const string EdgeePSOutNull = "edgeeps-out-null";

    // Batch contenders: the same 200 prompts three ways.
    public const string BatchThrottle = "batch-throttle";
    public const string BatchParallel = "batch-parallel";
    public const string BatchSequential = "batch-sequential";

    // Import-time contenders.
    public const string EdgeePSManifest = "edgeeps-psd1";
    public const string EdgeePSAssembly = "edgeeps-dll";
    public const string TrivialLayout = "trivial-layout";
    public const string TrivialManifest = "trivial-psd1";
    public const string TrivialModule = "trivial-module";
}
