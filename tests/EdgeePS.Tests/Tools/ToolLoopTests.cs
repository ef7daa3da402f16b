using System.Text.Json;
using EdgeePS.Simulation;
using EdgeePS.Tests.Cmdlets;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Tools;

/// <summary>The loop: calls run in the model's order, their output goes back as tool messages, and the answer comes out whole or streamed.</summary>
public sealed class ToolLoopTests : ToolTestBase
{
    public ToolLoopTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public void SendRunsTheCallsSendsTheResultsBackAndReturnsTheFinalAnswer()
    {
        Gateway.Enqueue(ScriptedAnswers.WholeCalls(30, 12, Call("call_1", "Get-ServiceStatus", """{"Unit":"nginx"}""")));
        Gateway.Enqueue(ScriptedAnswers.WholeText("nginx exits with code 1 since 03:12.", 60, 9));

        var result = Run(Functions + """
            $reply = Send-EdgeeCompletion gpt-5.2 'Why is nginx failing?' -Tool Get-ServiceStatus
            $ran -join '|'
            $reply
            """).EnsureSuccess();

        Assert.Equal("Get-ServiceStatus nginx", result.Output[0].ToString());
        var reply = Response(result);
        Assert.Equal("nginx exits with code 1 since 03:12.", reply.Text);
        Assert.Equal((90, 21, 111), (reply.Usage!.PromptTokens, reply.Usage.CompletionTokens, reply.Usage.TotalTokens));
        var invocation = Assert.Single(reply.ToolInvocations);
        Assert.Equal(("call_1", "Get-ServiceStatus", 1, ToolInvocationStatus.Succeeded, true), (invocation.Id, invocation.Name, invocation.Round, invocation.Status, invocation.Succeeded));
        Assert.Equal("nginx", invocation.Arguments!["unit"]);
        Assert.Equal("Get-ServiceStatus -Unit 'nginx'", invocation.CommandLine);
        Assert.Equal("nginx.service: failed (Result: exit-code) since 03:12", invocation.Output);
        Assert.Null(invocation.Error);
        Assert.True(invocation.Duration > TimeSpan.Zero);

        // The second request repeats the conversation, then the call and its result, with the same tools.
        Assert.Equal(2, ChatRequests);
        var sent = SentMessages(1);
        Assert.Equal(["user", "assistant", "tool"], sent.Select(Role));
        var call = Assert.Single(sent[1].GetProperty("tool_calls").EnumerateArray());
        Assert.Equal(("call_1", "function", "Get-ServiceStatus", """{"Unit":"nginx"}"""),
            (call.GetProperty("id").GetString(), call.GetProperty("type").GetString(), call.GetProperty("function").GetProperty("name").GetString(), call.GetProperty("function").GetProperty("arguments").GetString()));
        Assert.Equal("call_1", sent[2].GetProperty("tool_call_id").GetString());
        Assert.Equal(invocation.Output, Content(sent[2]));
        Assert.Equal(
            Gateway.Requests[0].Json!.Value.GetProperty("tools").GetRawText(),
            Gateway.Requests[1].Json!.Value.GetProperty("tools").GetRawText());

        // The whole conversation, ready to continue.
        Assert.Equal(["user", "assistant", "tool", "assistant"], reply.Messages!.Select(message => message.Role));
        Assert.Equal("Why is nginx failing?", reply.Messages![0].Content);
        Assert.Equal("call_1", reply.Messages[2].ToolCallId);
        Assert.Equal(reply.Text, reply.Messages[3].Content);
    }

    [Fact]
    public void ParallelCallsInOneRoundRunInTheModelsOrderAndAnswerInThatOrder()
    {
        Gateway.Enqueue(ScriptedAnswers.StreamedCalls(
            Call("call_b", "Get-RecentLog", """{"Unit":"nginx","Lines":2}"""),
            Call("call_a", "Get-ServiceStatus", """{"Unit":"nginx"}"""),
            Call("call_c", "Get-ServiceStatus", """{"Unit":"php-fpm"}""")));
        Gateway.Enqueue(ScriptedAnswers.StreamedText("Both units fail."));

        var result = Run(Functions + """
            $out = Invoke-EdgeeStream gpt-5.2 'Check nginx and php-fpm' -Tool Get-ServiceStatus, Get-RecentLog
            $ran -join '|'
            ($out | Where-Object { $_ -is [EdgeePS.ToolInvocation] } | ForEach-Object Id) -join ','
            """).EnsureSuccess();

        Assert.Equal(["Get-RecentLog nginx 2|Get-ServiceStatus nginx|Get-ServiceStatus php-fpm", "call_b,call_a,call_c"], result.Output.Select(item => item.ToString()));
        var sent = SentMessages(1);
        Assert.Equal(["user", "assistant", "tool", "tool", "tool"], sent.Select(Role));
        Assert.Equal(["call_b", "call_a", "call_c"], sent.Skip(2).Select(message => message.GetProperty("tool_call_id").GetString()));
        Assert.Equal("line 1 of nginx\nline 2 of nginx", Content(sent[2]));
    }

    [Fact]
    public void AStreamedLoopWritesEveryRoundsChunksAndEachCallBetweenThemYetTextIsOnlyTheModels()
    {
        Gateway.Enqueue(ScriptedAnswers.StreamedCalls(Call("call_1", "Get-ServiceStatus", """{"Unit":"nginx"}""")));
        Gateway.Enqueue(ScriptedAnswers.StreamedText("It exits with code 1."));

        var result = Run(Functions + """
            Set-StrictMode -Version Latest
            $out = Invoke-EdgeeStream gpt-5.2 'Why is nginx failing?' -Tool Get-ServiceStatus
            ($out | ForEach-Object { $_.GetType().Name }) -join ','
            -join ($out | ForEach-Object Text)
            """).EnsureSuccess();

        var types = result.Output[0].ToString().Split(',');
        var invocationAt = Array.IndexOf(types, nameof(ToolInvocation));
        Assert.Equal(1, types.Count(type => type == nameof(ToolInvocation)));
        Assert.True(invocationAt > 0 && types[..invocationAt].All(type => type == nameof(StreamChunk)) && types[(invocationAt + 1)..].All(type => type == nameof(StreamChunk)), result.Output[0].ToString());
        Assert.True(types.Length - invocationAt - 1 >= 4, "The second round's chunks follow the call.");
        Assert.Equal("It exits with code 1.", result.Output[1].ToString());
    }

    [Fact]
    public void AnswersWithoutToolCallsEndTheLoopAtOnce()
    {
        Gateway.Enqueue(ScriptedAnswers.WholeText("No tools needed."));

        var result = Run(Functions + "$reply = Send-EdgeeCompletion gpt-5.2 'Hello' -Tool Get-ServiceStatus; $ran.Count; $reply").EnsureSuccess();

        Assert.Equal("0", result.Output[0].ToString());
        var reply = Response(result);
        Assert.Equal("No tools needed.", reply.Text);
        Assert.Empty(reply.ToolInvocations);
        Assert.Equal(["user", "assistant"], reply.Messages!.Select(message => message.Role));
        Assert.Equal(1, ChatRequests);
    }

    [Fact]
    public void TheToolsAreOfferedAfterTheInputsOwnToolsAndANameGivenTwiceIsRefusedBeforeAnyRequest()
    {
        Gateway.Enqueue(ScriptedAnswers.WholeText("ok"));
        var input = """@{ messages = @(@{ role = 'user'; content = 'hi' }); tools = @(@{ type = 'function'; function = @{ name = 'lookup' } }) }""";

        Run(Functions + $"Send-EdgeeCompletion gpt-5.2 {input} -Tool Get-ServiceStatus").EnsureSuccess();
        var twice = Run(Functions + "Send-EdgeeCompletion gpt-5.2 @{ messages = @(@{ role = 'user'; content = 'hi' }); tools = @(@{ function = @{ name = 'Get-ServiceStatus' } }) } -Tool Get-ServiceStatus");

        var names = Gateway.Requests[0].Json!.Value.GetProperty("tools").EnumerateArray().Select(tool => tool.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(["lookup", "Get-ServiceStatus"], names);
        Assert.Equal("InvalidTool," + Send, Assert.Single(twice.Errors).FullyQualifiedErrorId);
        Assert.Contains("given twice", twice.Errors[0].Exception.Message);
        Assert.Equal(1, ChatRequests);
    }

    [Fact]
    public void FunctionsDefinedInTheCallersOwnScopeAreFoundAndRun()
    {
        Gateway.Enqueue(ScriptedAnswers.WholeCalls(Call("call_1", "Get-Uptime", "{}")));
        Gateway.Enqueue(ScriptedAnswers.WholeText("Up for 3 days."));

        var result = Run("""
            function Test-Runbook {
                function Get-Uptime { 'up 3 days' }
                (Send-EdgeeCompletion gpt-5.2 'How long has it been up?' -Tool Get-Uptime).ToolInvocations[0].Output
            }
            Test-Runbook
            """).EnsureSuccess();

        Assert.Equal("up 3 days", Assert.Single(result.Output).ToString());
    }

    [Fact]
    public void ObjectOutputGoesBackAsCompactJsonAndACommandWithNoOutputSaysSo()
    {
        Gateway.Enqueue(ScriptedAnswers.WholeCalls(Call("call_1", "Get-Disk", "{}"), Call("call_2", "Clear-Nothing", "{}")));
        Gateway.Enqueue(ScriptedAnswers.WholeText("ok"));

        Run("""
            function Get-Disk { [pscustomobject]@{ Mount = '/var'; UsedPercent = 93; Tags = @('ssd', 'é<') }; [pscustomobject]@{ Mount = '/'; UsedPercent = 41; Tags = @() } }
            function Clear-Nothing { }
            $null = Send-EdgeeCompletion gpt-5.2 'Disks?' -Tool Get-Disk, Clear-Nothing
            """).EnsureSuccess();

        var sent = SentMessages(1);
        Assert.Equal("{\"Mount\":\"/var\",\"UsedPercent\":93,\"Tags\":[\"ssd\",\"é<\"]}\n{\"Mount\":\"/\",\"UsedPercent\":41,\"Tags\":[]}", Content(sent[2]));
        Assert.Equal("(no output)", Content(sent[3]));
    }

    [Fact]
    public void OutputOverTheCapIsCutAndSaysWhere()
    {
        Gateway.Enqueue(ScriptedAnswers.WholeCalls(Call("call_1", "Get-Huge", "{}")));
        Gateway.Enqueue(ScriptedAnswers.WholeText("ok"));

        var result = Run("""
            function Get-Huge { 'x' * 50000 }
            (Send-EdgeeCompletion gpt-5.2 'Read it' -Tool Get-Huge).ToolInvocations[0].Output
            """).EnsureSuccess();

        var output = Assert.Single(result.Output).ToString();
        Assert.StartsWith(new string('x', 16000) + "\n[EdgeePS cut this output at 16000 characters.]", output);
        Assert.Equal(output, Content(SentMessages(1)[2]));
    }

    [Fact]
    public void VerboseNarratesEachCallWithItsCommandLineDurationAndSize()
    {
        Gateway.Enqueue(ScriptedAnswers.StreamedCalls(Call("call_1", "Get-RecentLog", """{"Unit":"nginx","Lines":3}""")));
        Gateway.Enqueue(ScriptedAnswers.StreamedText("ok"));

        var result = Run(Functions + "Invoke-EdgeeStream gpt-5.2 'Logs?' -Tool Get-RecentLog -Verbose | Out-Null").EnsureSuccess();

        var verbose = result.Verbose.Select(record => record.Message).ToList();
        Assert.Contains(verbose, line => System.Text.RegularExpressions.Regex.IsMatch(line,
            @"^Tool call call_1 \(round 1\) Get-RecentLog: Get-RecentLog -Unit 'nginx' -Lines 3 succeeded in \d+ ms; 47 characters to the model\.$"));
        Assert.Contains(verbose, line => line.StartsWith("Round 2: POST ", StringComparison.Ordinal) && line.Contains("3 message(s)"));
    }

    [Fact]
    public void EachPipedInputIsATurnOfItsOwn()
    {
        Gateway.Route(request =>
        {
            var messages = request.Json!.Value.GetProperty("messages");
            var prompt = messages[0].GetProperty("content").GetString()!;
            return messages.GetArrayLength() == 1
                ? ScriptedAnswers.WholeCalls(Call("call_" + prompt, "Get-ServiceStatus", $$"""{"Unit":"{{prompt}}"}"""))
                : ScriptedAnswers.WholeText("answer for " + prompt);
        });

        var result = Run(Functions + "'nginx', 'sshd' | Send-EdgeeCompletion gpt-5.2 -Tool Get-ServiceStatus | ForEach-Object { '{0}:{1}' -f $_.Text, $_.ToolInvocations.Count }").EnsureSuccess();

        Assert.Equal(["answer for nginx:1", "answer for sshd:1"], result.Output.Select(item => item.ToString()));
    }
}
