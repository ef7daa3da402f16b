// Streams one chat completion through the real PowerShell engine with EdgeePS imported as a user imports it.
// With EDGEE_API_KEY set it talks to the real gateway; without it, to EdgeePS's own gateway simulator
// (Start-EdgeeSimulator), started inside the engine, so it works anywhere.
using System.Management.Automation;
using System.Management.Automation.Runspaces;

const string Model = "gpt-5.2";
var prompt = args.Length > 0 ? string.Join(' ', args) : "Tell me something about PowerShell pipelines.";

var realKey = Environment.GetEnvironmentVariable("EDGEE_API_KEY");
var useSimulator = string.IsNullOrEmpty(realKey);
var baseUrl = Environment.GetEnvironmentVariable("EDGEE_BASE_URL") is { Length: > 0 } configured ? configured : "https://api.edgee.ai";
if (!useSimulator)
{
    Console.WriteLine($"Using the Edgee gateway at {baseUrl} (EDGEE_API_KEY is set)");
}

using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
runspace.Open();
runspace.SessionStateProxy.SetVariable("manifest", Path.Combine(FindRepoRoot(), "EdgeePS.psd1"));
runspace.SessionStateProxy.SetVariable("model", Model);
runspace.SessionStateProxy.SetVariable("prompt", prompt);
runspace.SessionStateProxy.SetVariable("useSimulator", useSimulator);
runspace.SessionStateProxy.SetVariable("key", realKey);
runspace.SessionStateProxy.SetVariable("base", baseUrl);

using var powerShell = PowerShell.Create();
powerShell.Runspace = runspace;
powerShell.AddScript("""
    Import-Module -Name $manifest -ErrorAction Stop
    $connection = @{ ApiKey = $key; BaseUrl = $base }
    if ($useSimulator) {
        $connection = @{}
        $simulator = Start-EdgeeSimulator -Connect
        [Console]::Out.WriteLine("Using the local gateway simulator at $($simulator.BaseUrl) (set EDGEE_API_KEY to use the real gateway)")
        $simulator | Add-EdgeeSimulatorResponse -ChunkDelayMs 30 -Text ("This answer comes from EdgeePS's gateway simulator (Start-EdgeeSimulator), " +
            "streamed word by word as the gateway streams it; Get-Help about_EdgeePS_Testing shows how runbooks test against it. You asked: $prompt")
    }
    try {
        Invoke-EdgeeStream -Model $model -InputObject $prompt @connection | ForEach-Object { [Console]::Out.Write($_.Text) }
    }
    finally {
        if ($simulator) { Stop-EdgeeSimulator -Simulator $simulator }
    }
    """);
// Ctrl+C stops the pipeline, which is how a PowerShell user cancels a stream.
Console.CancelKeyPress += (_, press) =>
{
    press.Cancel = true;
    powerShell.BeginStop(null, null);
};

var failed = false;
try
{
    powerShell.Invoke();
}
catch (RuntimeException terminating) when (terminating is not PipelineStoppedException)
{
    ReportError(terminating.ErrorRecord);
}
Console.WriteLine();
if (powerShell.InvocationStateInfo.State == PSInvocationState.Stopped)
{
    Console.Error.WriteLine("(stopped)");
}
foreach (var error in powerShell.Streams.Error)
{
    ReportError(error);
}
return failed ? 1 : 0;

void ReportError(ErrorRecord error)
{
    failed = true;
    Console.Error.WriteLine($"{error} ({error.FullyQualifiedErrorId})");
}

static string FindRepoRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "EdgeePS.sln")))
        {
            return directory.FullName;
        }
    }
    throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} contains EdgeePS.sln.");
}
