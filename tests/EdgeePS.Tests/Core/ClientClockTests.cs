using EdgeePS.Requests;
using EdgeePS.Settings;
using EdgeePS.Simulation;
using EdgeePS.Transport;

namespace EdgeePS.Tests.Core;

/// <summary>
/// The client's waits, on a fake clock against a local gateway: a retry waits as long as Retry-After (a delay or a
/// date) or the backoff says, and not a moment less; a response timeout fires when its time has passed and not
/// before. The tests wait only until the client is waiting, then move the clock.
/// </summary>
public sealed class ClientClockTests : IAsyncLifetime
{
    private const string ApiKey = "sk-edgee-clock-3Vn8qL";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly ObservedClock _clock = new();
    private GatewaySimulator _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewaySimulator.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_retry_after_delay_is_waited_out_in_full_before_the_next_attempt()
    {
        _gateway.Enqueue(RateLimited().Header("Retry-After", "1"));
        _gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("after the wait")));

        var opening = OpenStreamAsync();
        await _clock.WaitUntilArmedAsync(TimeSpan.FromSeconds(1), Patience);
        _clock.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        var firedEarly = _clock.Fired.Contains(TimeSpan.FromSeconds(1));
        var requestsWhileWaiting = _gateway.Requests.Count;
        _clock.Advance(TimeSpan.FromTicks(1));
        using var stream = await opening.WaitAsync(Patience);

        Assert.False(firedEarly, "the retry came before Retry-After: 1 had passed");
        Assert.Equal(1, requestsWhileWaiting);
        Assert.Equal("after the wait", stream.Read()?.Chunk?.Text);
        Assert.Equal(2, _gateway.Requests.Count);
    }

    [Fact]
    public async Task A_retry_after_date_is_counted_from_the_clocks_now()
    {
        var date = ObservedClock.Start.AddSeconds(3).ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        _gateway.Enqueue(RateLimited().Header("Retry-After", date));
        _gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("on time")));

        var opening = OpenStreamAsync();
        await _clock.WaitUntilArmedAsync(TimeSpan.FromSeconds(3), Patience);
        _clock.Advance(TimeSpan.FromSeconds(3));
        using var stream = await opening.WaitAsync(Patience);

        Assert.Equal("on time", stream.Read()?.Chunk?.Text);
        Assert.Equal(2, _gateway.Requests.Count);
    }

    [Fact]
    public async Task A_refusal_event_in_a_200_is_retried_after_the_responses_retry_after()
    {
        _gateway.Enqueue(ScriptedResponse.Status(200)
            .Header("Content-Type", "text/event-stream")
            .Header("Retry-After", "2")
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.ErrorJson("rate_limit_error", "slow down", "rate_limit_exceeded"))));
        _gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("accepted")));

        var opening = OpenStreamAsync();
        await _clock.WaitUntilArmedAsync(TimeSpan.FromSeconds(2), Patience);
        var requestsWhileWaiting = _gateway.Requests.Count;
        _clock.Advance(TimeSpan.FromSeconds(2));
        using var stream = await opening.WaitAsync(Patience);

        Assert.Equal(1, requestsWhileWaiting);
        Assert.Equal("accepted", stream.Read()?.Chunk?.Text);
    }

    [Fact]
    public async Task Without_retry_after_the_first_retry_waits_between_half_and_all_of_the_interval()
    {
        _gateway.Enqueue(ScriptedResponse.Error(503, "server_error", "busy"));
        _gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("back")));

        var opening = OpenStreamAsync(retryInterval: TimeSpan.FromSeconds(4));
        var wait = await ArmedWaitAsync(due => due >= TimeSpan.FromSeconds(2) && due <= TimeSpan.FromSeconds(4));
        _clock.Advance(wait);
        using var stream = await opening.WaitAsync(Patience);

        Assert.Equal("back", stream.Read()?.Chunk?.Text);
    }

    [Fact]
    public async Task A_stop_during_a_retry_wait_ends_it_without_another_attempt()
    {
        using var stop = new CancellationTokenSource();
        _gateway.Enqueue(RateLimited().Header("Retry-After", "30"));

        var opening = OpenStreamAsync(stop: stop.Token);
        await _clock.WaitUntilArmedAsync(TimeSpan.FromSeconds(30), Patience);
        stop.Cancel();
        var error = await Record.ExceptionAsync(() => opening.WaitAsync(Patience));

        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.Single(_gateway.Requests);
    }

    [Fact]
    public async Task The_response_timeout_fires_once_its_time_has_passed_and_not_before()
    {
        _gateway.Enqueue(ScriptedResponse.Status(200).Stall());

        var opening = OpenStreamAsync(responseTimeout: TimeSpan.FromSeconds(5), retries: 0);
        await _clock.WaitUntilArmedAsync(TimeSpan.FromSeconds(5), Patience);
        await _gateway.WaitForRequestAsync(0, Patience);
        _clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        var firedEarly = _clock.Fired.Contains(TimeSpan.FromSeconds(5));
        _clock.Advance(TimeSpan.FromTicks(1));
        var error = await Record.ExceptionAsync(() => opening.WaitAsync(Patience));

        Assert.False(firedEarly, "the response timeout fired before 5 s had passed");
        Assert.Equal(EdgeeErrorIds.RequestTimeout, Assert.IsType<EdgeeException>(error).ErrorId);
    }

    private static ScriptedResponse RateLimited() =>
        ScriptedResponse.Status(429)
            .Header("Content-Type", "application/json")
            .Write(ScriptedResponse.ErrorJson("rate_limit_error", "slow down", "rate_limit_exceeded"));

    private Task<Streaming.ChatCompletionStream> OpenStreamAsync(
        TimeSpan? retryInterval = null, TimeSpan? responseTimeout = null, int retries = 1, CancellationToken stop = default)
    {
        var options = new EdgeeClientOptions(EdgeeEndpoint.Parse(_gateway.BaseUrl.ToString()), ApiKey)
        {
            Clock = _clock,
            MaximumRetryCount = retries,
            RetryInterval = retryInterval ?? TimeSpan.FromSeconds(1),
            ResponseTimeout = responseTimeout,
        };
        var request = ChatRequestBuilder.Build("gpt-5.2", "Hello", stream: true, unwrap: value => value);
        return Task.Run(() => new EdgeeClient(options).OpenStream(request, stop));
    }

    // The idle timeout (120 s by default) is armed too; the retry wait is the one in the given range.
    private async Task<TimeSpan> ArmedWaitAsync(Func<TimeSpan, bool> isTheWait)
    {
        await Eventually.WaitUntilAsync(() => _clock.Armed.Any(isTheWait), Patience, () => $"No retry wait was armed; armed so far: [{string.Join(", ", _clock.Armed)}].");
        return _clock.Armed.First(isTheWait);
    }
}
