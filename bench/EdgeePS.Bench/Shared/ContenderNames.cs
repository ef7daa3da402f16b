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

    // Import-time contenders.
    public const string EdgeePSManifest = "edgeeps-psd1";
    public const string EdgeePSAssembly = "edgeeps-dll";
    public const string TrivialManifest = "trivial-psd1";
    public const string TrivialModule = "trivial-module";
}
