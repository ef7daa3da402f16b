using EdgeePS.Simulation;
using EdgeePS.Tests.Cmdlets;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Tools;

/// <summary>
/// PowerShell's own confirmation: -Confirm asks before each call with the command line it would run, -WhatIf runs
/// none, and either way the loop reaches the model's answer. A host that answers prompts stands in for the person.
/// </summary>
public sealed class ToolConfirmationTests : IClassFixture<HostSessionFixture>, IAsyncLifetime
{
    private readonly HostSessionFixture _fixture;
    private GatewaySimulator _gateway = null!;

    public ToolConfirmationTests(HostSessionFixture fixture) => _fixture = fixture;

    public async Task InitializeAsync() => _gateway = await GatewaySimulator.StartAsync();

    public async Task DisposeAsync()
    {
        _fixture.Host.Console.ChoiceAnswers.Clear();
        _fixture.Host.Console.ChoicePrompts.Clear();
        await _gateway.DisposeAsync();
    }

    private PowerShellResult Run(string script) => _fixture.Session.Run(
        "$PSDefaultParameterValues = @{ '*-Edgee*:ApiKey' = 'k'; '*-Edgee*:BaseUrl' = $base }\n" + """
        $ran = [System.Collections.Generic.List[string]]::new()
        function Restart-Unit { param([Parameter(Mandatory)] [string] $Unit, [switch] $Force) $ran.Add("Restart-Unit $Unit $Force"); "restarted $Unit" }

        """ + script,
        new Dictionary<string, object?> { ["base"] = _gateway.BaseUrl.ToString() });

    private void EnqueueTwoCallsThenAnAnswer(bool streamed)
    {
        ScriptedCall[] calls = [new("call_1", "Restart-Unit", """{"Unit":"nginx","Force":true}"""), new("call_2", "Restart-Unit", """{"Unit":"sshd"}""")];
        _gateway.Enqueue(streamed ? ScriptedAnswers.StreamedCalls(calls) : ScriptedAnswers.WholeCalls(calls));
        _gateway.Enqueue(streamed ? ScriptedAnswers.StreamedText("Done as far as allowed.") : ScriptedAnswers.WholeText("Done as far as allowed."));
    }

    private string ToolMessage(int index) =>
        _gateway.Requests[1].Json!.Value.GetProperty("messages").EnumerateArray().Where(message => message.GetProperty("role").GetString() == "tool").ElementAt(index).GetProperty("content").GetString()!;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WhatIfRunsNoCallTellsTheModelAndStillReachesTheAnswer(bool streamed)
    {
        EnqueueTwoCallsThenAnAnswer(streamed);
        var screenBefore = _fixture.Host.Console.Screen.Length;

        var result = Run($"$reply = Send-EdgeeCompletion gpt-5.2 'Restart both' -Tool Restart-Unit -WhatIf {(streamed ? "-Stream | Join-EdgeeStream" : string.Empty)}; $ran.Count; $reply").EnsureSuccess();

        Assert.Equal("0", result.Output[0].ToString());
        var reply = Assert.IsType<CompletionResponse>(result.Output.Last().BaseObject);
        Assert.Equal("Done as far as allowed.", reply.Text);
        Assert.All(reply.ToolInvocations, invocation => Assert.Equal(ToolInvocationStatus.NotRun, invocation.Status));
        Assert.StartsWith("Not run: the user asked EdgeePS only to say what it would run (-WhatIf)", ToolMessage(0));
        var screen = _fixture.Host.Console.Screen[screenBefore..];
        Assert.Contains("What if: Running Restart-Unit -Unit 'nginx' -Force for the model.", screen);
        Assert.Contains("What if: Running Restart-Unit -Unit 'sshd' for the model.", screen);
        Assert.Empty(_fixture.Host.Console.ChoicePrompts);
    }

    [Fact]
    public void ConfirmAsksBeforeEachCallShowingItsCommandLineAndADeclinedCallDoesNotRun()
    {
        EnqueueTwoCallsThenAnAnswer(streamed: true);
        _fixture.Host.Console.ChoiceAnswers.Enqueue("No");
        _fixture.Host.Console.ChoiceAnswers.Enqueue("Yes");

        var result = Run("""
            $out = Invoke-EdgeeStream gpt-5.2 'Restart both' -Tool Restart-Unit -Confirm
            $ran -join '|'
            ($out | Where-Object { $_ -is [EdgeePS.ToolInvocation] } | ForEach-Object Status) -join ','
            """).EnsureSuccess();

        Assert.Equal(["Restart-Unit sshd False", "Declined,Succeeded"], result.Output.Select(item => item.ToString()));
        Assert.Equal(
            ["The model asks to run Restart-Unit -Unit 'nginx' -Force. Run it?", "The model asks to run Restart-Unit -Unit 'sshd'. Run it?"],
            _fixture.Host.Console.ChoicePrompts.Select(prompt => prompt.Message));
        Assert.All(_fixture.Host.Console.ChoicePrompts, prompt => Assert.Equal("Run a tool for the model", prompt.Caption));
        Assert.Equal("Not run: the user declined this call.", ToolMessage(0));
        Assert.Equal("restarted sshd", ToolMessage(1));
    }

    [Fact]
    public void NoToAllDeclinesTheRestWithoutAskingAgain()
    {
        EnqueueTwoCallsThenAnAnswer(streamed: false);
        _fixture.Host.Console.ChoiceAnswers.Enqueue("No to All");

        var result = Run("$reply = Send-EdgeeCompletion gpt-5.2 'Restart both' -Tool Restart-Unit -Confirm; $ran.Count; $reply").EnsureSuccess();

        Assert.Equal("0", result.Output[0].ToString());
        Assert.Single(_fixture.Host.Console.ChoicePrompts);
        Assert.All(((CompletionResponse)result.Output.Last().BaseObject).ToolInvocations, invocation => Assert.Equal(ToolInvocationStatus.Declined, invocation.Status));
    }

    [Fact]
    public void ALoweredConfirmPreferenceAsksAsConfirmDoes()
    {
        EnqueueTwoCallsThenAnAnswer(streamed: false);
        _fixture.Host.Console.ChoiceAnswers.Enqueue("Yes to All");

        var result = Run("$ConfirmPreference = 'Medium'; $null = Send-EdgeeCompletion gpt-5.2 'Restart both' -Tool Restart-Unit; $ConfirmPreference = 'High'; $ran.Count").EnsureSuccess();

        Assert.Equal("2", Assert.Single(result.Output).ToString());
        Assert.Single(_fixture.Host.Console.ChoicePrompts);
    }

    [Fact]
    public void WithoutConfirmOrWhatIfNothingAsks()
    {
        EnqueueTwoCallsThenAnAnswer(streamed: false);

        var result = Run("$null = Send-EdgeeCompletion gpt-5.2 'Restart both' -Tool Restart-Unit; $ran -join '|'").EnsureSuccess();

        Assert.Equal("Restart-Unit nginx True|Restart-Unit sshd False", Assert.Single(result.Output).ToString());
        Assert.Empty(_fixture.Host.Console.ChoicePrompts);
    }

    [Fact]
    public void ShowEdgeeStreamShowsEachCallOnALineOfItsOwnBetweenTheRounds()
    {
        _gateway.Enqueue(ScriptedAnswers.StreamedCalls(new ScriptedCall("call_1", "Restart-Unit", """{"Unit":"nginx"}""")));
        _gateway.Enqueue(ScriptedAnswers.StreamedText("nginx is back."));
        var before = _fixture.Host.Console.Screen.Length;

        Run("Invoke-EdgeeStream gpt-5.2 'Restart nginx' -Tool Restart-Unit | Show-EdgeeStream").EnsureSuccess();

        var screen = _fixture.Host.Console.Screen[before..];
        Assert.Matches(@"^\[tool\] Restart-Unit -Unit 'nginx' \(15 characters in \d+ ms\)\nnginx is back\.\n$", screen);
    }
}
