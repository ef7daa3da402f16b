using System.Management.Automation;
using System.Net;
using System.Text;
using EdgeePS.Settings;
using EdgeePS.Simulation;
using EdgeePS.Streaming;
using EdgeePS.Tests.Cmdlets;
using static EdgeePS.Tests.Core.SseTestKit;

namespace EdgeePS.Tests.Hardening;

/// <summary>
/// The event-size limit (issue 3): one event larger than the documented cap (16 MiB,
/// <see cref="EdgeeClientOptions.DefaultMaxEventBytes"/>) gives a clear error instead of unbounded memory.
/// </summary>
public sealed class EventSizeLimitTests : HardeningTestBase
{
    private const int MiB = 1024 * 1024;

    public EventSizeLimitTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public void TheDocumentedCapIsSixteenMebibytes() =>
        Assert.Equal(16 * MiB, EdgeeClientOptions.DefaultMaxEventBytes);

    [Theory]
    [InlineData("one data line that never ends")]
    [InlineData("data lines without the blank line that ends the event")]
    public async Task AnEventThatNeverEndsIsRefusedAfterTheCapNotBufferedForever(string shape)
    {
        const int cap = 1 * MiB;
        var endless = shape.StartsWith("one", StringComparison.Ordinal)
            ? new RepeatingStream(Utf8(Event(ContentChunk("before")) + "data: {\"choices\":[{\"delta\":{\"content\":\""), Utf8(new string('x', 8192)), long.MaxValue, [])
            : new RepeatingStream(Utf8(Event(ContentChunk("before"))), Utf8("data: " + new string('y', 100) + "\n"), long.MaxValue, []);

        using var stream = new ChatCompletionStream(new HttpResponseMessage(HttpStatusCode.OK), endless, TimeSpan.FromSeconds(30), ApiKey, CancellationToken.None, maxEventBytes: cap);
        var result = await ReadAllAsync(stream).WaitAsync(Patience);

        Assert.Equal(["before"], result.Texts);
        var error = Assert.IsType<EdgeeException>(result.Error);
        Assert.Equal(EdgeeErrorIds.StreamEventTooLarge, error.ErrorId);
        // What the reader took from the body bounds what it could have buffered.
        Assert.True(endless.BytesServed <= cap + 128 * 1024, $"{shape}: {endless.BytesServed:N0} bytes were read for a cap of {cap:N0}.");
    }

    [Fact]
    public async Task ASeventeenMegabyteEventFromTheGatewayGivesOneClearErrorAndKeepsWhatCameBefore()
    {
        var huge = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + new string('z', 17_000_000) + "\"}}]}\n\n";
        Gateway.Enqueue(EventStreamHeaders()
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("kept")))
            .Write(huge)
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("never seen")))
            .Write("data: [DONE]\n\n"));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' | ForEach-Object Text", Patience);

        Assert.Equal("kept", Text(result));
        var error = Assert.Single(result.Errors);
        Assert.Equal("StreamEventTooLarge" + Invoke, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Contains("16 MiB", error.Exception.Message);
        Assert.Single(Gateway.Requests);
        await Gateway.Requests[0].ResponseFinished.WaitAsync(Patience);
    }

    [Fact]
    public void AFifteenMegabyteEventIsStillDelivered()
    {
        var content = new string('w', 15 * MiB);
        Gateway.Enqueue(EventStreamHeaders()
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk(content)))
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("tail")))
            .Write("data: [DONE]\n\n"));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' | ForEach-Object { $_.Text.Length }", Patience);

        Assert.Equal([(15 * MiB).ToString(System.Globalization.CultureInfo.InvariantCulture), "4"], result.EnsureSuccess().Output.Select(item => item.ToString()));
    }

    [Fact]
    public async Task AnEndlessEventFromTheGatewayIsAbandonedAndItsConnectionClosed()
    {
        var block = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
        Gateway.Enqueue(EventStreamHeaders()
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("kept")) + "data: {\"choices\":[{\"delta\":{\"content\":\"")
            .WriteEach(Enumerable.Repeat(block, int.MaxValue)));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' | ForEach-Object Text", Patience);

        Assert.Equal("kept", Text(result));
        Assert.Equal("StreamEventTooLarge" + Invoke, Assert.Single(result.Errors).FullyQualifiedErrorId);
        await Gateway.Requests[0].ClientDisconnected.WaitAsync(Patience);
    }
}
