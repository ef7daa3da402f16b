using System.Text.Json;
using EdgeePS.Simulation;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.RealShell;

/// <summary>
/// Runbooks that scale out: Start-Job (another pwsh process, whose chunks come back deserialized),
/// Start-ThreadJob and ForEach-Object -Parallel (other runspaces of the same process) each stream a whole answer,
/// and what comes back from a job keeps its Text and displays through the module's views.
/// </summary>
public sealed class BackgroundWorkTests : IAsyncLifetime
{
    private const string Script = """
        param([string] $Manifest, [string] $BaseUrl)
        $ErrorActionPreference = 'Stop'
        Import-Module -Name $Manifest

        $fromJob = @(Start-Job {
                Import-Module -Name $using:Manifest
                # Without the usage chunk, so the stream ends with its finish reason.
                Invoke-EdgeeStream gpt-5.2 'from a job' -IncludeUsage:$false -ApiKey 'sk-background' -BaseUrl $using:BaseUrl
            } | Receive-Job -Wait -AutoRemoveJob)
        $completionFromJob = Start-Job {
                Import-Module -Name $using:Manifest
                Send-EdgeeCompletion gpt-5.2 'whole from a job' -ApiKey 'sk-background' -BaseUrl $using:BaseUrl
            } | Receive-Job -Wait -AutoRemoveJob
        $fromThreadJob = @(Start-ThreadJob {
                Import-Module -Name $using:Manifest
                Invoke-EdgeeStream gpt-5.2 'from a thread job' -ApiKey 'sk-background' -BaseUrl $using:BaseUrl
            } | Receive-Job -Wait -AutoRemoveJob)
        $fromParallel = @(1..3 | ForEach-Object -ThrottleLimit 3 -Parallel {
                Import-Module -Name $using:Manifest
                "$_|" + -join (Invoke-EdgeeStream gpt-5.2 "in parallel $_" -ApiKey 'sk-background' -BaseUrl $using:BaseUrl | ForEach-Object Text)
            })

        [pscustomobject]@{
            JobType           = $fromJob[0].PSObject.TypeNames[0]
            JobChunks         = $fromJob.Count
            JobText           = -join $fromJob.Text
            JobFinish         = $fromJob[-1].FinishReason
            JobDisplay        = $fromJob | Select-Object -Last 2 | Out-String -Width 200
            CompletionType    = $completionFromJob.PSObject.TypeNames[0]
            CompletionText    = $completionFromJob.Text
            CompletionDisplay = $completionFromJob | Out-String -Width 200
            ThreadJobType     = $fromThreadJob[0].GetType().FullName
            ThreadJobText     = -join $fromThreadJob.Text
            Parallel          = @($fromParallel | Sort-Object)
        } | ConvertTo-Json -Compress
        """;

    private const string Reply = DefaultGateway.EchoPrefix;

    private GatewaySimulator _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewaySimulator.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public void JobsThreadJobsAndParallelRunspacesEachStreamAWholeAnswer()
    {
        var run = Pwsh.RunScript(Script, ["-Manifest", ModulePaths.ManifestPath, "-BaseUrl", _gateway.BaseUrl.ToString()]).EnsureSuccess();

        var facts = JsonDocument.Parse(run.Output.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal("Deserialized.EdgeePS.StreamChunk", facts.GetProperty("JobType").GetString());
        Assert.Equal(Reply + "from a job", facts.GetProperty("JobText").GetString());
        Assert.Equal("stop", facts.GetProperty("JobFinish").GetString());
        // A role chunk, one per word and a finish chunk.
        Assert.Equal(2 + (Reply + "from a job").Split(' ').Length, facts.GetProperty("JobChunks").GetInt32());
        Assert.Matches(@"Role\s+FinishReason\s+Text\s+-+\s+-+\s+-+\s+job\s+stop", facts.GetProperty("JobDisplay").GetString());

        Assert.Equal("Deserialized.EdgeePS.CompletionResponse", facts.GetProperty("CompletionType").GetString());
        Assert.Equal(Reply + "whole from a job", facts.GetProperty("CompletionText").GetString());
        Assert.Matches(@"FinishReason\s+: stop", facts.GetProperty("CompletionDisplay").GetString());
        Assert.Matches(@"Text\s+: " + Reply + "whole from a job", facts.GetProperty("CompletionDisplay").GetString());

        Assert.Equal("EdgeePS.StreamChunk", facts.GetProperty("ThreadJobType").GetString());
        Assert.Equal(Reply + "from a thread job", facts.GetProperty("ThreadJobText").GetString());
        Assert.Equal(
            Enumerable.Range(1, 3).Select(n => $"{n}|{Reply}in parallel {n}"),
            facts.GetProperty("Parallel").EnumerateArray().Select(item => item.GetString()));

        Assert.Equal(6, _gateway.Requests.Count);
        Assert.All(_gateway.Requests, request => Assert.Equal("Bearer sk-background", request.Headers["authorization"]));
    }
}
