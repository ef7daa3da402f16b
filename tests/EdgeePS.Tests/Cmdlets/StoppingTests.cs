using System.Diagnostics;
using EdgeePS.Simulation;

namespace EdgeePS.Tests.Cmdlets;

public sealed class StoppingTests : CmdletTestBase
{
    private const string Invoke = "EdgeePS.Cmdlets.InvokeEdgeeStreamCommand";

    public StoppingTests(SessionFixture fixture) : base(fixture)
    {
    }

    private static ScriptedResponse OneChunkThenStall() => ScriptedResponse.Status(200)
        .Header("Content-Type", "text/event-stream")
        .Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("only")))
        .Stall();

    [Fact]
    public async Task CtrlCDuringAStalledStreamReturnsWithinOneSecondAndClosesTheConnection()
    {
        Gateway.Enqueue(OneChunkThenStall());
        var pipeline = Start("Invoke-EdgeeStream gpt-5.2 'Hello' | ForEach-Object Text");
        await pipeline.WaitForOutputAsync(1, TimeSpan.FromSeconds(10));

        var clock = Stopwatch.StartNew();
        pipeline.Stop();
        var result = await pipeline.Completion;
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Stopping took {clock.Elapsed}.");
        Assert.True(result.Stopped);
        Assert.Empty(result.Errors);
        await Gateway.Requests[0].ClientDisconnected.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task CtrlCWhileWaitingForResponseHeadersStopsAtOnce()
    {
        Gateway.Enqueue(ScriptedResponse.Status(200).Stall());
        var pipeline = Start("Invoke-EdgeeStream gpt-5.2 'Hello'");
        await Gateway.WaitForRequestAsync(0, TimeSpan.FromSeconds(10));

        var clock = Stopwatch.StartNew();
        pipeline.Stop();
        var result = await pipeline.Completion;

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Stopping took {clock.Elapsed}.");
        Assert.True(result.Stopped);
        await Gateway.Requests[0].ClientDisconnected.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task DownstreamEarlyStopClosesTheConnectionAtOnce()
    {
        // The gateway would go on for 20 s; Select-Object -First 2 must not let it.
        var response = ScriptedResponse.Status(200).Header("Content-Type", "text/event-stream");
        for (var index = 0; index < 200; index++)
        {
            response = response.Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk($"t{index} "))).Delay(TimeSpan.FromMilliseconds(100));
        }

        Gateway.Enqueue(response.Write("data: [DONE]\n\n"));

        var clock = Stopwatch.StartNew();
        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' | ForEach-Object Text | Select-Object -First 2");

        Assert.Equal("t0 t1 ", Text(result.EnsureSuccess()));
        await Gateway.Requests[0].ClientDisconnected.WaitAsync(TimeSpan.FromSeconds(1));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The connection stayed open for {clock.Elapsed}.");
    }

    [Fact]
    public void TimeoutSecBoundsTheWaitForResponseHeaders()
    {
        Gateway.Enqueue(ScriptedResponse.Status(200).Delay(TimeSpan.FromSeconds(20)).Write("data: [DONE]\n\n"));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' -TimeoutSec 1");

        var error = Assert.Single(result.Errors);
        Assert.Equal("RequestTimeout," + Invoke, error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
    }

    [Fact]
    public void IdleTimeoutBoundsTheWaitBetweenEventsAndKeepsWhatArrived()
    {
        Gateway.Enqueue(OneChunkThenStall());

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' -IdleTimeoutSec 1 | ForEach-Object Text");

        Assert.Equal("only", Text(result));
        var error = Assert.Single(result.Errors);
        Assert.Equal("StreamIdleTimeout," + Invoke, error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
    }

    [Fact]
    public void IdleTimeoutAlsoBoundsAWholeAnswerThatStallsAfterItsHeaders()
    {
        Gateway.Enqueue(ScriptedResponse.Status(200).Header("Content-Type", "application/json").Write("{\"choices\":").Stall());

        var result = Run("Send-EdgeeCompletion gpt-5.2 'Hello' -IdleTimeoutSec 1", TimeSpan.FromSeconds(15));

        Assert.Equal("StreamIdleTimeout,EdgeePS.Cmdlets.SendEdgeeCompletionCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void SlowConsumerIsNotMistakenForAnIdleGateway()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("a"), ScriptedResponse.ContentChunk("b")));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' -IdleTimeoutSec 1 | ForEach-Object { [System.Threading.Thread]::Sleep(1500); $_.Text }");

        Assert.Equal("ab", Text(result.EnsureSuccess()));
    }
}
