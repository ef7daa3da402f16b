using EdgeePS.Simulation;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Pester;

/// <summary>
/// examples/Summarize-Log.ps1 runs for real here, against the local gateway: what its Pester tests show with a
/// mock also holds with the real cmdlet.
/// </summary>
public sealed class ExampleRunbookTests : IAsyncLifetime, IDisposable
{
    private static readonly string Runbook = Path.Combine(ModulePaths.RepoRoot, "examples", "Summarize-Log.ps1");

    private readonly PowerShellSession _session = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("edgeeps-runbook-").FullName;
    private GatewaySimulator _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewaySimulator.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    public void Dispose()
    {
        _session.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void SummarisesTheTailOfTheLogThroughTheGateway()
    {
        var log = WriteLog(10);

        var result = RunRunbook($"-Path '{log}' -Tail 3").EnsureSuccess();

        var summary = Assert.Single(result.Output);
        Assert.Equal("EdgeePS.Examples.LogSummary", summary.TypeNames[0]);
        Assert.Equal(3, (int)summary.Properties["Lines"].Value);
        Assert.Equal(log, summary.Properties["Path"].Value);
        Assert.Equal("You said: line 8\nline 9\nline 10", summary.Properties["Summary"].Value);
        Assert.True((int)summary.Properties["TotalTokens"].Value > 0);

        var body = Assert.Single(_gateway.Requests).Json!.Value;
        var messages = body.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Contains("SRE", messages[0].GetProperty("content").GetString());
        Assert.Equal("line 8\nline 9\nline 10", messages[1].GetProperty("content").GetString());
        Assert.Equal(400, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(["runbook", "log-summary"], body.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
    }

    [Fact]
    public void AGatewayRefusalEndsTheRunbookWithAClearError()
    {
        _gateway.Enqueue(ScriptedResponse.Error(403, "permission_error", "This key may not use gpt-5.2", "model_forbidden"));

        var result = RunRunbook($"-Path '{WriteLog(5)}'");

        var error = RunbookFailure(result);
        Assert.StartsWith("LogSummaryFailed,", error.FullyQualifiedErrorId);
        Assert.Contains("Could not summarise", error.Exception.Message);
        Assert.Contains("the gateway answered 403 (permission_error)", error.Exception.Message);
        Assert.Equal(System.Management.Automation.ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
    }

    [Fact]
    public void AnUnreadableLogEndsTheRunbookBeforeAnyRequest()
    {
        var result = RunRunbook($"-Path '{Path.Combine(_directory, "missing.log")}'");

        var error = RunbookFailure(result);
        Assert.StartsWith("LogUnreadable,", error.FullyQualifiedErrorId);
        Assert.Contains("Cannot read the log", error.Exception.Message);
        Assert.Empty(_gateway.Requests);
    }

    [Fact]
    public void AnEmptyLogNeedsNoRequest()
    {
        var result = RunRunbook($"-Path '{WriteLog(0)}'").EnsureSuccess();

        Assert.Equal("The log is empty.", Assert.Single(result.Output).Properties["Summary"].Value);
        Assert.Empty(_gateway.Requests);
    }

    // $PSCmdlet.ThrowTerminatingError ends the runbook's statement: try/catch (and Pester's Should -Throw) catch it,
    // and a caller without try/catch sees it as the one error of that statement.
    private static System.Management.Automation.ErrorRecord RunbookFailure(PowerShellResult result)
    {
        Assert.Empty(result.Output);
        return result.TerminatingError ?? Assert.Single(result.Errors);
    }

    private string WriteLog(int lines)
    {
        var path = Path.Combine(_directory, $"app-{lines}.log");
        File.WriteAllLines(path, Enumerable.Range(1, lines).Select(line => $"line {line}"));
        return path;
    }

    private PowerShellResult RunRunbook(string arguments) =>
        _session.Run(
            "$PSDefaultParameterValues = @{ '*-Edgee*:ApiKey' = 'sk-runbook'; '*-Edgee*:BaseUrl' = $base }" + Environment.NewLine +
            $"& '{Runbook}' {arguments}",
            new Dictionary<string, object?> { ["base"] = _gateway.BaseUrl.ToString() });
}
