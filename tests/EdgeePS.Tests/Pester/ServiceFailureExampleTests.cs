using System.Text.Json;
using EdgeePS.Simulation;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Pester;

/// <summary>
/// examples/Find-ServiceFailure.ps1, the README's ops example, runs for real here against the local gateway, with a
/// scripted model that calls its tools. systemctl and journalctl are stand-in functions (a function wins over a
/// program of the same name), so the test sees exactly what the tools ran.
/// </summary>
public sealed class ServiceFailureExampleTests : IAsyncLifetime, IDisposable
{
    private const string StandIns = """
        $programs = [System.Collections.Generic.List[string]]::new()
        function systemctl {
            $programs.Add("systemctl $args")
            'ActiveState=failed', 'SubState=failed', 'Result=exit-code', 'ExecMainStatus=1', 'NRestarts=5', 'ActiveEnterTimestamp=Sun 2025-06-01 03:12:00 UTC'
        }
        function journalctl {
            $programs.Add("journalctl $args")
            '2025-06-01T03:12:00+0000 web01 nginx[812]: nginx: [emerg] unknown directive "proxy_passs" in /etc/nginx/conf.d/app.conf:14'
        }

        """;

    private static readonly string Runbook = Path.Combine(ModulePaths.RepoRoot, "examples", "Find-ServiceFailure.ps1");

    private readonly PowerShellSession _session = new();
    private GatewaySimulator _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewaySimulator.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    public void Dispose() => _session.Dispose();

    private PowerShellResult RunRunbook(string arguments) => _session.Run(
        StandIns + $"$env:EDGEE_API_KEY = $null\n& '{Runbook.Replace("'", "''")}' {arguments} -ErrorAction Stop\n$programs -join '|'",
        new Dictionary<string, object?> { ["PSDefaultParameterValues"] = new System.Collections.Hashtable { ["Send-EdgeeCompletion:ApiKey"] = "sk-example", ["Send-EdgeeCompletion:BaseUrl"] = _gateway.BaseUrl.ToString() } });

    [Fact]
    public void TheModelLooksAtTheServiceAndItsJournalThenDiagnoses()
    {
        _gateway.Enqueue(ScriptedAnswers.WholeCalls(
            new ScriptedCall("call_status", "Get-ServiceStatus", """{"Unit":"nginx"}"""),
            new ScriptedCall("call_log", "Get-RecentLog", """{"Unit":"nginx","Lines":20}""")));
        _gateway.Enqueue(ScriptedAnswers.WholeText("nginx fails since 03:12: a typo, proxy_passs, in app.conf line 14. Fix it, then nginx -t and restart.", 300, 30));

        var result = RunRunbook("-Unit nginx").EnsureSuccess();

        var diagnosis = result.Output[^2];
        Assert.Equal("EdgeePS.Examples.ServiceDiagnosis", diagnosis.TypeNames[0]);
        Assert.Equal("nginx", diagnosis.Properties["Unit"].Value);
        Assert.StartsWith("nginx fails since 03:12", (string)diagnosis.Properties["Diagnosis"].Value);
        Assert.Equal(
            ["Get-ServiceStatus -Unit 'nginx'", "Get-RecentLog -Unit 'nginx' -Lines 20"],
            ((object[])diagnosis.Properties["ToolCalls"].Value).Select(call => call.ToString()));
        Assert.Equal(345, (int)diagnosis.Properties["TotalTokens"].Value);

        // The tools ran the programs with the model's values, as separate arguments.
        Assert.Equal(
            "systemctl show nginx --no-pager --property=ActiveState,SubState,Result,ExecMainStatus,NRestarts,ActiveEnterTimestamp|journalctl --unit nginx --lines 20 --no-pager --output short-iso",
            result.Output[^1].ToString());

        // The model got the status as an object and the journal as text, and its instructions and tags.
        var first = _gateway.Requests[0].Json!.Value;
        Assert.Contains("SRE", first.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal(["runbook", "service-diagnosis"], first.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        Assert.Equal(["Get-ServiceStatus", "Get-RecentLog"], first.GetProperty("tools").EnumerateArray().Select(tool => tool.GetProperty("function").GetProperty("name").GetString()));
        var tools = _gateway.Requests[1].Json!.Value.GetProperty("messages").EnumerateArray().Where(message => message.GetProperty("role").GetString() == "tool").ToList();
        using var status = JsonDocument.Parse(tools[0].GetProperty("content").GetString()!);
        Assert.Equal(("nginx", "failed", "5"), (status.RootElement.GetProperty("Unit").GetString(), status.RootElement.GetProperty("ActiveState").GetString(), status.RootElement.GetProperty("NRestarts").GetString()));
        Assert.Contains("unknown directive \"proxy_passs\"", tools[1].GetProperty("content").GetString());
    }

    [Fact]
    public void AValueTheToolsValidationRefusesNeverReachesThePrograms()
    {
        _gateway.Enqueue(ScriptedAnswers.WholeCalls(new ScriptedCall("call_log", "Get-RecentLog", """{"Unit":"--since=1970 --output=export","Lines":9999}""")));
        _gateway.Enqueue(ScriptedAnswers.WholeText("I could not read the journal."));

        var result = RunRunbook("-Unit nginx");

        Assert.Equal(string.Empty, result.Output[^1].ToString());
        Assert.Equal(["I could not read the journal."], result.Output.Take(result.Output.Count - 1).Select(item => (string)item.Properties["Diagnosis"].Value));
        var toolMessage = _gateway.Requests[1].Json!.Value.GetProperty("messages").EnumerateArray().Last();
        Assert.StartsWith("Error: Cannot validate argument on parameter 'Unit'. The argument \"--since=1970 --output=export\" does not match", toolMessage.GetProperty("content").GetString());
        Assert.Single(result.Warning);
    }

    // The README shows the example whole; this keeps what it shows the tested script's own tools.
    [Fact]
    public void TheReadmeShowsTheScriptsOwnTools()
    {
        var readme = File.ReadAllLines(Path.Combine(ModulePaths.RepoRoot, "README.md"));
        var start = Array.FindIndex(readme, Array.IndexOf(readme, "### Tools: let the model look things up"), line => line == "```powershell") + 1;
        var block = string.Join("\n", readme[start..Array.IndexOf(readme, "```", start)]);

        Assert.Equal(Tools(File.ReadAllText(Runbook)), Tools(block));
        Assert.Equal(["Get-RecentLog", "Get-ServiceStatus"], Tools(block).Keys.Order());
    }

    private static Dictionary<string, string> Tools(string script) =>
        System.Management.Automation.Language.Parser.ParseInput(script, out _, out _)
            .FindAll(node => node is System.Management.Automation.Language.FunctionDefinitionAst, searchNestedScriptBlocks: false)
            .Cast<System.Management.Automation.Language.FunctionDefinitionAst>()
            .ToDictionary(function => function.Name, function => function.Extent.Text.ReplaceLineEndings("\n"));

    [Fact]
    public void AGatewayRefusalEndsTheRunbookWithAClearError()
    {
        _gateway.Enqueue(ScriptedResponse.Error(403, "permission_error", "This key may not use gpt-5.2", "model_forbidden"));

        var result = RunRunbook("-Unit nginx");

        var error = result.TerminatingError ?? Assert.Single(result.Errors);
        Assert.StartsWith("ServiceDiagnosisFailed,", error.FullyQualifiedErrorId);
        Assert.Contains("Could not diagnose 'nginx'", error.Exception.Message);
        Assert.Equal(System.Management.Automation.ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
    }
}
