using EdgeePS.Simulation;
using EdgeePS.Tests.Cmdlets;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Tools;

/// <summary>
/// Join-EdgeeStream on a tool loop's stream gives the response Send-EdgeeCompletion gives for the same answers,
/// every public property compared: the last answer, every call, the whole conversation, the usage of all rounds.
/// Only the calls' durations differ, since the tools ran twice; they are set aside.
/// </summary>
public sealed class ToolLoopParityTests : ToolTestBase
{
    public ToolLoopParityTests(SessionFixture fixture) : base(fixture)
    {
    }

    private void EnqueueLoop(bool streamed)
    {
        ScriptedCall[] first = [Call("call_1", "Get-ServiceStatus", """{"Unit":"nginx"}"""), Call("call_2", "Get-RecentLog", """{"Unit":"nginx","Lines":2}""")];
        ScriptedCall[] second = [Call("call_3", "Get-Missing", "{}")];
        Gateway.Enqueue(streamed ? ScriptedAnswers.StreamedCalls(30, 10, first) : ScriptedAnswers.WholeCalls(30, 10, first));
        Gateway.Enqueue(streamed ? ScriptedAnswers.StreamedCalls(60, 5, second) : ScriptedAnswers.WholeCalls(60, 5, second));
        Gateway.Enqueue(streamed ? ScriptedAnswers.StreamedText("nginx fails on a bad config.", 80, 7) : ScriptedAnswers.WholeText("nginx fails on a bad config.", 80, 7));
    }

    [Fact]
    public void AStreamedLoopJoinsIntoExactlyTheResponseSentWhole()
    {
        EnqueueLoop(streamed: false);
        var whole = Response(Run(Functions + "Send-EdgeeCompletion gpt-5.2 'Why is nginx failing?' -Tool Get-ServiceStatus, Get-RecentLog").EnsureSuccess());
        EnqueueLoop(streamed: true);
        var joined = Response(Run(Functions + "Invoke-EdgeeStream gpt-5.2 'Why is nginx failing?' -Tool Get-ServiceStatus, Get-RecentLog | Join-EdgeeStream").EnsureSuccess());

        // The answers have every part the comparison must see.
        Assert.Equal(("nginx fails on a bad config.", 3, 7, 170, 22), (whole.Text, whole.ToolInvocations.Count, whole.Messages!.Count, whole.Usage!.PromptTokens, whole.Usage.CompletionTokens));
        AssertEqualBesidesDurations(whole, joined);
    }

    [Fact]
    public void SavedChunksWithTheirToolCallsJoinTheSameLater()
    {
        EnqueueLoop(streamed: false);
        var whole = Response(Run(Functions + "Send-EdgeeCompletion gpt-5.2 'Why is nginx failing?' -Tool Get-ServiceStatus, Get-RecentLog").EnsureSuccess());
        EnqueueLoop(streamed: true);

        var result = Run(Functions + """
            $saved = Invoke-EdgeeStream gpt-5.2 'Why is nginx failing?' -Tool Get-ServiceStatus, Get-RecentLog
            @($saved | Join-EdgeeStream).Count
            Join-EdgeeStream $saved
            """).EnsureSuccess();

        Assert.Equal("1", result.Output[0].ToString());
        AssertEqualBesidesDurations(whole, Response(result));
    }

    [Fact]
    public void AStreamStoppedByTheRoundLimitJoinsIntoTheResponseTheWholeErrorCarries()
    {
        Gateway.Route(request => request.Json!.Value.TryGetProperty("stream", out _)
            ? ScriptedAnswers.StreamedCalls(Call("call_x", "Get-ServiceStatus", """{"Unit":"nginx"}"""))
            : ScriptedAnswers.WholeCalls(Call("call_x", "Get-ServiceStatus", """{"Unit":"nginx"}""")));

        var whole = Run(Functions + "Send-EdgeeCompletion gpt-5.2 'Loop' -Tool Get-ServiceStatus -MaximumToolRounds 1");
        var joined = Run(Functions + "Invoke-EdgeeStream gpt-5.2 'Loop' -Tool Get-ServiceStatus -MaximumToolRounds 1 | Join-EdgeeStream");

        var soFar = Assert.IsType<CompletionResponse>(Assert.Single(whole.Errors).TargetObject);
        Assert.Equal("ToolRoundLimitExceeded," + Invoke, Assert.Single(joined.Errors).FullyQualifiedErrorId);
        var joinedResponse = Response(joined);
        Assert.False(joinedResponse.IsComplete);
        AssertEqualBesidesDurations(soFar, joinedResponse);
    }

    private static void AssertEqualBesidesDurations(CompletionResponse expected, CompletionResponse actual)
    {
        foreach (var invocation in expected.ToolInvocations.Concat(actual.ToolInvocations))
        {
            invocation.Duration = TimeSpan.Zero;
        }

        var differences = PublicPropertyComparison.Differences(expected, actual);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }
}
