using System.Management.Automation;
using EdgeePS.Simulation;
using EdgeePS.Tests.Cmdlets;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Tools;

/// <summary>A loop always ends: after -MaximumToolRounds rounds of calls, or after three rounds in a row in which every call failed.</summary>
public sealed class ToolLimitTests : ToolTestBase
{
    public ToolLimitTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AModelThatKeepsAskingIsStoppedAfterTheRoundLimitWithAtMostOneRequestMore(bool streamed)
    {
        var round = 0;
        Gateway.Route(_ =>
        {
            var call = Call($"call_{++round}", "Get-ServiceStatus", """{"Unit":"nginx"}""");
            return streamed ? ScriptedAnswers.StreamedCalls(call) : ScriptedAnswers.WholeCalls(call);
        });

        var result = Run(Functions + $$"""
            $reply = Send-EdgeeCompletion gpt-5.2 'Loop forever' -Tool Get-ServiceStatus -MaximumToolRounds 2 {{(streamed ? "-Stream" : string.Empty)}} -ErrorVariable loopErrors
            $ran.Count
            'after'
            """);

        Assert.Equal(3, ChatRequests);
        Assert.Equal(["2", "after"], result.Output.Select(item => item.ToString()).Where(text => text is "2" or "after"));
        var error = Assert.Single(result.Errors);
        Assert.Equal($"ToolRoundLimitExceeded,{Send}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Contains("after 2 round(s) of tool calls (-MaximumToolRounds)", error.Exception.Message);
        var soFar = Assert.IsType<CompletionResponse>(error.TargetObject);
        Assert.Equal(["call_1", "call_2"], soFar.ToolInvocations.Select(invocation => invocation.Id));
        Assert.False(soFar.IsComplete);
        Assert.Equal(["user", "assistant", "tool", "assistant", "tool", "assistant"], soFar.Messages!.Select(message => message.Role));
        if (!streamed)
        {
            Assert.DoesNotContain(result.Output, item => item.BaseObject is CompletionResponse);
        }
    }

    [Fact]
    public void TheDefaultIsTenRounds()
    {
        Gateway.Route(_ => ScriptedAnswers.WholeCalls(Call("call", "Get-ServiceStatus", """{"Unit":"nginx"}""")));

        var result = Run(Functions + "Send-EdgeeCompletion gpt-5.2 'Loop forever' -Tool Get-ServiceStatus; $ran.Count");

        Assert.Equal(11, ChatRequests);
        Assert.Equal("10", result.Output.Last().ToString());
        Assert.Equal($"ToolRoundLimitExceeded,{Send}", Assert.Single(result.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void ThreeRoundsInARowOfOnlyFailingCallsEndTheLoop()
    {
        var round = 0;
        Gateway.Route(_ => ScriptedAnswers.WholeCalls(
            Call($"call_{++round}a", "Get-Broken", "{}"),
            Call($"call_{round}b", "Get-Missing", "{}")));

        var result = Run(Functions + "function Get-Broken { throw 'still broken' }\nSend-EdgeeCompletion gpt-5.2 'Try' -Tool Get-Broken");

        Assert.Equal(3, ChatRequests);
        var error = Assert.Single(result.Errors);
        Assert.Equal($"ToolCallsFailing,{Send}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Contains("Every tool call failed in 3 rounds in a row", error.Exception.Message);
        Assert.Contains("Get-Missing: there is no tool named 'Get-Missing'", error.Exception.Message);
        Assert.Equal(6, Assert.IsType<CompletionResponse>(error.TargetObject).ToolInvocations.Count);
    }

    [Fact]
    public void ARoundWithOneCallThatWorkedStartsTheCountAgain()
    {
        var answers = new Queue<ScriptedResponse>([
            ScriptedAnswers.WholeCalls(Call("c1", "Get-Broken", "{}")),
            ScriptedAnswers.WholeCalls(Call("c2", "Get-Broken", "{}")),
            ScriptedAnswers.WholeCalls(Call("c3", "Get-Broken", "{}"), Call("c3b", "Get-ServiceStatus", """{"Unit":"nginx"}""")),
            ScriptedAnswers.WholeCalls(Call("c4", "Get-Broken", "{}")),
            ScriptedAnswers.WholeCalls(Call("c5", "Get-Broken", "{}")),
            ScriptedAnswers.WholeText("Giving up on that tool."),
        ]);
        Gateway.Route(_ => answers.Dequeue());

        var result = Run(Functions + "function Get-Broken { throw 'broken' }\nSend-EdgeeCompletion gpt-5.2 'Try' -Tool Get-Broken, Get-ServiceStatus 3>$null").EnsureSuccess();

        Assert.Equal(6, ChatRequests);
        Assert.Equal("Giving up on that tool.", Response(result).Text);
    }
}
