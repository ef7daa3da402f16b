using System.Diagnostics;
using EdgeePS.Simulation;
using EdgeePS.Tests.Cmdlets;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Tools;

/// <summary>
/// Stopping works in every phase of a loop: Ctrl+C during a stream, during a tool run and between rounds stops at
/// once; a downstream Select-Object -First closes the open stream and sends no further round.
/// </summary>
public sealed class ToolStoppingTests : ToolTestBase, IDisposable
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);
    private readonly string _signal = Path.Combine(Path.GetTempPath(), $"edgeeps-tool-running-{Guid.NewGuid():N}");

    public ToolStoppingTests(SessionFixture fixture) : base(fixture)
    {
    }

    public void Dispose() => File.Delete(_signal);

    private static ScriptedResponse OneChunkThenStall() => ScriptedResponse.Status(200)
        .Header("Content-Type", "text/event-stream")
        .Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("Looking")))
        .Stall();

    private static async Task<PowerShellResult> StopAndTime(RunningPipeline pipeline)
    {
        var clock = Stopwatch.StartNew();
        pipeline.Stop();
        var result = await pipeline.Completion;
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Stopping took {clock.Elapsed}.");
        Assert.True(result.Stopped);
        Assert.Empty(result.Errors);
        return result;
    }

    [Fact]
    public async Task CtrlCDuringTheSecondRoundsStreamStopsAtOnceAndClosesIt()
    {
        Gateway.Enqueue(ScriptedAnswers.StreamedCalls(Call("call_1", "Get-ServiceStatus", """{"Unit":"nginx"}""")));
        Gateway.Enqueue(OneChunkThenStall());
        var pipeline = Start(Functions + "Invoke-EdgeeStream gpt-5.2 'Why?' -Tool Get-ServiceStatus");
        await Gateway.WaitForRequestAsync(1, Soon);
        await pipeline.WaitForOutputAsync(7, Soon);

        await StopAndTime(pipeline);

        await Gateway.Requests[1].ClientDisconnected.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, ChatRequests);
    }

    [Theory]
    [InlineData("Invoke-EdgeeStream gpt-5.2 'Why?' -Tool Get-Slow")]
    [InlineData("Send-EdgeeCompletion gpt-5.2 'Why?' -Tool Get-Slow")]
    public async Task CtrlCDuringAToolRunStopsTheCommandAtOnceAndSendsNothingMore(string command)
    {
        Gateway.Route(request => request.Json!.Value.TryGetProperty("stream", out _)
            ? ScriptedAnswers.StreamedCalls(Call("call_1", "Get-Slow", "{}"))
            : ScriptedAnswers.WholeCalls(Call("call_1", "Get-Slow", "{}")));
        var pipeline = Start($"function Get-Slow {{ [System.IO.File]::WriteAllText('{_signal}', 'running'); Start-Sleep -Seconds 30; 'late' }}\n" + command);
        await WaitForSignal();

        await StopAndTime(pipeline);

        Assert.Equal(1, ChatRequests);
    }

    [Fact]
    public async Task CtrlCWhileTheNextRoundWaitsForTheGatewayStopsAtOnceAndClosesTheRequest()
    {
        Gateway.Enqueue(ScriptedAnswers.WholeCalls(Call("call_1", "Get-ServiceStatus", """{"Unit":"nginx"}""")));
        Gateway.Enqueue(ScriptedResponse.Status(200).Stall());
        var pipeline = Start(Functions + "Send-EdgeeCompletion gpt-5.2 'Why?' -Tool Get-ServiceStatus");
        await Gateway.WaitForRequestAsync(1, Soon);

        await StopAndTime(pipeline);

        await Gateway.Requests[1].ClientDisconnected.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task SelectFirstDuringTheFirstRoundClosesItsStreamAndRunsNoTool()
    {
        var slowCalls = ScriptedResponse.Status(200).Header("Content-Type", "text/event-stream")
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("Let me check. ")))
            .Delay(TimeSpan.FromSeconds(20))
            .Write(ScriptedResponse.SseEvent("""{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"Get-ServiceStatus","arguments":"{\"Unit\":\"nginx\"}"}}]},"finish_reason":"tool_calls"}]}"""))
            .Write("data: [DONE]\n\n");
        Gateway.Enqueue(slowCalls);
        var clock = Stopwatch.StartNew();

        var result = Run(Functions + "Invoke-EdgeeStream gpt-5.2 'Why?' -Tool Get-ServiceStatus | Select-Object -First 1; $ran.Count").EnsureSuccess();

        Assert.Equal(["Let me check. ", "0"], result.Output.Select(item => item.ToString()));
        await Gateway.Requests[0].ClientDisconnected.WaitAsync(TimeSpan.FromSeconds(1));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The connection stayed open for {clock.Elapsed}.");
        Assert.Equal(1, ChatRequests);
    }

    [Fact]
    public void SelectFirstThatStopsAtAToolCallSendsNoFurtherRound()
    {
        Gateway.Enqueue(ScriptedAnswers.StreamedCalls(Call("call_1", "Get-ServiceStatus", """{"Unit":"nginx"}""")));
        Gateway.Enqueue(ScriptedAnswers.StreamedText("never asked for"));

        var result = Run(Functions + """
            $out = Invoke-EdgeeStream gpt-5.2 'Why?' -Tool Get-ServiceStatus | Select-Object -First 6
            $out[-1].GetType().Name
            $ran.Count
            """).EnsureSuccess();

        Assert.Equal(["ToolInvocation", "1"], result.Output.Select(item => item.ToString()));
        Assert.Equal(1, ChatRequests);
    }

    [Fact]
    public async Task SelectFirstDuringTheSecondRoundClosesItsStream()
    {
        Gateway.Enqueue(ScriptedAnswers.StreamedCalls(Call("call_1", "Get-ServiceStatus", """{"Unit":"nginx"}""")));
        var slowAnswer = ScriptedResponse.Status(200).Header("Content-Type", "text/event-stream");
        for (var index = 0; index < 200; index++)
        {
            slowAnswer = slowAnswer.Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk($"t{index} "))).Delay(TimeSpan.FromMilliseconds(100));
        }

        Gateway.Enqueue(slowAnswer.Write("data: [DONE]\n\n"));

        var result = Run(Functions + "Invoke-EdgeeStream gpt-5.2 'Why?' -Tool Get-ServiceStatus | ForEach-Object Text | Select-Object -First 8").EnsureSuccess();

        Assert.Equal("t0 t1 ", string.Concat(result.Output.Select(item => item.ToString())));
        await Gateway.Requests[1].ClientDisconnected.WaitAsync(TimeSpan.FromSeconds(1));
    }

    private async Task WaitForSignal()
    {
        var deadline = DateTime.UtcNow + Soon;
        while (!File.Exists(_signal))
        {
            Assert.True(DateTime.UtcNow < deadline, "The tool never started.");
            await Task.Delay(20);
        }
    }
}
