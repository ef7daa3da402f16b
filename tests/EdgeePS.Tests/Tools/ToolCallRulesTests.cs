using EdgeePS.Simulation;
using EdgeePS.Tests.Cmdlets;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Tools;

/// <summary>
/// What the model can and cannot make EdgeePS do: only the listed tools, only their parameters, values bound by
/// PowerShell's binder and never run as script. Every refusal is a tool result; nothing else runs.
/// </summary>
public sealed class ToolCallRulesTests : ToolTestBase
{
    public ToolCallRulesTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public void ACallToACommandThatWasNotGivenRunsNothingAndTellsTheModelWhichToolsThereAre()
    {
        Gateway.Enqueue(ScriptedAnswers.WholeCalls(
            Call("call_1", "Remove-Everything", """{"Path":"/"}"""),
            Call("call_2", "get-servicestatus", """{"Unit":"nginx"}""")));
        Gateway.Enqueue(ScriptedAnswers.WholeText("Sorry."));

        var result = Run(Functions + """
            function Remove-Everything { param($Path) $ran.Add("Remove-Everything $Path") }
            $reply = Send-EdgeeCompletion gpt-5.2 'Clean up' -Tool Get-ServiceStatus, Get-RecentLog
            $ran.Count
            $reply
            """).EnsureSuccess();

        Assert.Equal("0", result.Output[0].ToString());
        var reply = Response(result);
        Assert.All(reply.ToolInvocations, invocation => Assert.Equal(ToolInvocationStatus.UnknownTool, invocation.Status));
        Assert.All(reply.ToolInvocations, invocation => Assert.Null(invocation.CommandLine));
        var sent = SentMessages(1);
        Assert.Equal("Error: there is no tool named 'Remove-Everything'; the tools are: Get-ServiceStatus, Get-RecentLog", Content(sent[2]));
        // Names match exactly, as the model was told them.
        Assert.Equal("Error: there is no tool named 'get-servicestatus'; the tools are: Get-ServiceStatus, Get-RecentLog", Content(sent[3]));
        Assert.Equal("Sorry.", reply.Text);
    }

    [Theory]
    [InlineData("""{"Unit": nginx""", "the arguments are not valid JSON")]
    [InlineData("""["nginx"]""", "the arguments must be a JSON object of parameter names and values, not a list")]
    [InlineData("\"nginx\"", "the arguments must be a JSON object of parameter names and values, not a string")]
    [InlineData("""{"Unit":"nginx","Path":"/etc"}""", "'Path' is not a parameter of this tool; its parameters are Unit, Lines")]
    [InlineData("""{"Unit":"nginx","ErrorAction":"Stop"}""", "'ErrorAction' is not a parameter of this tool")]
    [InlineData("""{"Unit":"nginx","OutVariable":"x"}""", "'OutVariable' is not a parameter of this tool")]
    [InlineData("""{"Lines":5}""", "the required argument(s) 'Unit' are missing")]
    [InlineData("""{"Unit":"a","unit":"b"}""", "'Unit' is given twice")]
    public void ArgumentsThatCannotBeBoundAreRefusedAndTheCommandDoesNotRun(string arguments, string reason)
    {
        Gateway.Enqueue(ScriptedAnswers.WholeCalls(Call("call_1", "Get-RecentLog", arguments)));
        Gateway.Enqueue(ScriptedAnswers.WholeText("ok"));

        var result = Run(Functions + "$reply = Send-EdgeeCompletion gpt-5.2 'Logs?' -Tool Get-RecentLog; $ran.Count; $reply").EnsureSuccess();

        Assert.Equal("0", result.Output[0].ToString());
        var invocation = Assert.Single(Response(result).ToolInvocations);
        Assert.Equal(ToolInvocationStatus.InvalidArguments, invocation.Status);
        Assert.StartsWith(reason, invocation.Error);
        Assert.Equal("Error: " + invocation.Error, Content(SentMessages(1)[2]));
        Assert.Empty(result.Warning);
    }

    [Fact]
    public void AValueOfTheWrongTypeIsRefusedByTheBinderAndTheCommandBodyNeverRuns()
    {
        Gateway.Enqueue(ScriptedAnswers.WholeCalls(Call("call_1", "Get-RecentLog", """{"Unit":"nginx","Lines":"many"}""")));
        Gateway.Enqueue(ScriptedAnswers.WholeText("ok"));

        var result = Run(Functions + "$reply = Send-EdgeeCompletion gpt-5.2 'Logs?' -Tool Get-RecentLog; $ran.Count; $reply").EnsureSuccess();

        Assert.Equal("0", result.Output[0].ToString());
        var invocation = Assert.Single(Response(result).ToolInvocations);
        Assert.Equal(ToolInvocationStatus.Failed, invocation.Status);
        Assert.Contains("Cannot process argument transformation on parameter 'Lines'", invocation.Error);
        Assert.StartsWith("Error: Cannot process argument transformation", Content(SentMessages(1)[2]));
    }

    [Fact]
    public void ModelTextIsNeverRunAsScript()
    {
        Gateway.Enqueue(ScriptedAnswers.WholeCalls(Call("call_1", "Get-ServiceStatus", """{"Unit":"nginx'; $ran.Add('injected'); '$(whoami)"}""")));
        Gateway.Enqueue(ScriptedAnswers.WholeText("ok"));

        var result = Run(Functions + "$reply = Send-EdgeeCompletion gpt-5.2 'x' -Tool Get-ServiceStatus; $ran -join '|'; $reply").EnsureSuccess();

        Assert.Equal("Get-ServiceStatus nginx'; $ran.Add('injected'); '$(whoami)", result.Output[0].ToString());
        Assert.Equal("Get-ServiceStatus -Unit 'nginx''; $ran.Add(''injected''); ''$(whoami)'", Response(result).ToolInvocations[0].CommandLine);
    }

    [Fact]
    public void ACommandThatThrowsOrWritesErrorsIsAFailedCallNotAFailedCommandAndTheLoopGoesOn()
    {
        Gateway.Enqueue(ScriptedAnswers.StreamedCalls(
            Call("call_1", "Get-Broken", "{}"),
            Call("call_2", "Get-Partial", "{}"),
            Call("call_3", "Get-ServiceStatus", """{"Unit":"nginx"}""")));
        Gateway.Enqueue(ScriptedAnswers.StreamedText("Two of three tools failed."));

        var result = Run(Functions + """
            function Get-Broken { throw 'the disk is unreadable' }
            function Get-Partial { 'first half'; Write-Error 'lost the second half' }
            $ErrorActionPreference = 'Stop'
            $out = Invoke-EdgeeStream gpt-5.2 'Check' -Tool Get-Broken, Get-Partial, Get-ServiceStatus
            ($out | Where-Object { $_ -is [EdgeePS.ToolInvocation] } | ForEach-Object { '{0}:{1}:{2}' -f $_.Name, $_.Status, $_.Error }) -join '|'
            -join ($out | ForEach-Object Text)
            """);

        Assert.Empty(result.Errors);
        Assert.Null(result.TerminatingError);
        Assert.Equal(
            "Get-Broken:Failed:the disk is unreadable|Get-Partial:Failed:lost the second half|Get-ServiceStatus:Succeeded:",
            result.Output[0].ToString());
        Assert.Equal("Two of three tools failed.", result.Output[1].ToString());
        Assert.Equal(
            ["The tool call Get-Broken failed: the disk is unreadable", "The tool call Get-Partial failed: lost the second half"],
            result.Warning.Select(record => record.Message));
        var sent = SentMessages(1);
        Assert.Equal("Error: the disk is unreadable", Content(sent[2]));
        Assert.Equal("first half\nError: lost the second half", Content(sent[3]));
    }

    [Fact]
    public void AHashtableToolIsADefinitionOnlyItsCallsComeBackAndNothingRuns()
    {
        Gateway.Enqueue(ScriptedAnswers.WholeCalls(Call("call_1", "lookup_owner", """{"host":"web01"}""")));

        var result = Run("""
            $tool = @{ type = 'function'; function = @{ name = 'lookup_owner'; parameters = @{ type = 'object'; properties = @{ host = @{ type = 'string' } } } } }
            $reply = Send-EdgeeCompletion gpt-5.2 'Who owns web01?' -Tool $tool
            $reply.ToolCalls[0].ArgumentsObject.host
            $reply
            """).EnsureSuccess();

        Assert.Equal("web01", result.Output[0].ToString());
        var reply = Response(result);
        Assert.Equal("tool_calls", reply.FinishReason);
        Assert.Empty(reply.ToolInvocations);
        Assert.True(reply.IsComplete);
        Assert.Equal(1, ChatRequests);
        Assert.Equal("lookup_owner", Gateway.Requests[0].Json!.Value.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public void ACallToADefinitionOnlyToolHandsTheWholeRoundBackWithoutRunningTheOthers()
    {
        Gateway.Enqueue(ScriptedAnswers.StreamedCalls(
            Call("call_1", "Get-ServiceStatus", """{"Unit":"nginx"}"""),
            Call("call_2", "page_oncall", """{"team":"web"}""")));

        var result = Run(Functions + """
            $page = @{ type = 'function'; function = @{ name = 'page_oncall' } }
            $reply = Invoke-EdgeeStream gpt-5.2 'Page someone if nginx is down' -Tool Get-ServiceStatus, $page -Verbose | Join-EdgeeStream
            $ran.Count
            $reply
            """).EnsureSuccess();

        Assert.Equal("0", result.Output[0].ToString());
        var reply = Response(result);
        Assert.Equal(["Get-ServiceStatus", "page_oncall"], reply.ToolCalls!.Select(call => call.Function!.Name));
        Assert.Empty(reply.ToolInvocations);
        Assert.Equal(1, ChatRequests);
        Assert.Contains(result.Verbose, record => record.Message.Contains("page_oncall, which EdgeePS has no command for"));
    }

    // What the model writes (its text, its calls) passes through as it came, as any chunk does; what EdgeePS writes never has the key.
    [Fact]
    public void TheKeyNeverAppearsInToolOutputNarrationErrorsOrWhatTheModelIsSent()
    {
        Gateway.Enqueue(ScriptedAnswers.StreamedCalls(
            Call("call_1", "Get-Leaky", "{\"Note\":\"a note\"}"),
            Call("call_2", "Get-Failing", "{}")));
        Gateway.Enqueue(ScriptedAnswers.StreamedText("done"));

        var result = Run($$"""
            function Get-Leaky { param([string]$Note) "key is $env:LEAKED_FOR_TEST and note is $Note" }
            function Get-Failing { throw "cannot use $env:LEAKED_FOR_TEST" }
            $env:LEAKED_FOR_TEST = '{{ApiKey}}'
            try {
                $out = Invoke-EdgeeStream gpt-5.2 'x' -Tool Get-Leaky, Get-Failing -Verbose
                $out
                $out | Join-EdgeeStream
                ($out | Join-EdgeeStream).Messages
            }
            finally { Remove-Item env:LEAKED_FOR_TEST }
            """);

        var everything = result.AllText();
        Assert.Contains("key is *** and note is a note", everything);
        Assert.Contains("Warning: The tool call Get-Failing failed: cannot use ***", everything);
        Assert.DoesNotContain(ApiKey, everything);
        Assert.DoesNotContain(ApiKey, string.Join("\n", SentMessages(1).Where(message => Role(message) == "tool").Select(Content)));
    }
}
