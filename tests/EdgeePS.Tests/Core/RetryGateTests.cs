using EdgeePS.Requests;
using EdgeePS.Settings;
using EdgeePS.Simulation;
using EdgeePS.Transport;

namespace EdgeePS.Tests.Core;

/// <summary>
/// The pause a batch shares, on a fake clock: closed by one request's rate limit, it holds every request of the
/// batch (not only the one that heard the 429) until the time asked for has passed, and not a moment less; a later
/// limit lengthens it, never shortens it. The tests wait only until the code is waiting, then move the clock.
/// </summary>
public sealed class RetryGateTests : IAsyncLifetime
{
    private const string ApiKey = "sk-edgee-gate-Q2w9Zt";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly ObservedClock _clock = new();
    private GatewaySimulator _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewaySimulator.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_closed_gate_holds_a_waiter_until_its_time_has_passed()
    {
        var gate = new RetryGate(_clock);
        Assert.True(gate.Close(TimeSpan.FromSeconds(5)));

        var waiting = Task.Run(() => gate.WaitUntilOpen(CancellationToken.None));
        await _clock.WaitUntilArmedAsync(TimeSpan.FromSeconds(5), Patience);
        _clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        var openedEarly = _clock.Fired.Contains(TimeSpan.FromSeconds(5));
        _clock.Advance(TimeSpan.FromTicks(1));
        await waiting.WaitAsync(Patience);

        Assert.False(openedEarly, "the gate opened before its 5 s had passed");
        Assert.Equal(1, gate.Pauses);
        Assert.Equal(TimeSpan.FromSeconds(5), gate.Paused);
    }

    [Fact]
    public async Task A_later_limit_lengthens_the_pause_and_a_shorter_one_does_not_shorten_it()
    {
        var gate = new RetryGate(_clock);
        gate.Close(TimeSpan.FromSeconds(5));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var shorter = gate.Close(TimeSpan.FromSeconds(2));
        var longer = gate.Close(TimeSpan.FromSeconds(6));

        var waiting = Task.Run(() => gate.WaitUntilOpen(CancellationToken.None));
        await _clock.WaitUntilArmedAsync(TimeSpan.FromSeconds(6), Patience);
        _clock.Advance(TimeSpan.FromSeconds(4));
        var openAfterTheFirstPause = waiting.IsCompleted;
        _clock.Advance(TimeSpan.FromSeconds(2));
        await waiting.WaitAsync(Patience);

        Assert.False(shorter);
        Assert.True(longer);
        Assert.False(openAfterTheFirstPause, "the gate opened when the first pause ended, though a later limit lengthened it");
        Assert.Equal(1, gate.Pauses);
        Assert.Equal(TimeSpan.FromSeconds(7), gate.Paused);
    }

    [Fact]
    public async Task A_stop_ends_the_wait_at_the_gate()
    {
        using var stop = new CancellationTokenSource();
        var gate = new RetryGate(_clock);
        gate.Close(TimeSpan.FromSeconds(30));

        var waiting = Task.Run(() => gate.WaitUntilOpen(stop.Token));
        await _clock.WaitUntilArmedAsync(TimeSpan.FromSeconds(30), Patience);
        stop.Cancel();

        Assert.IsAssignableFrom<OperationCanceledException>(await Record.ExceptionAsync(() => waiting.WaitAsync(Patience)));
    }

    [Fact]
    public async Task One_requests_429_holds_the_batchs_other_requests_until_retry_after_has_passed()
    {
        _gateway.Enqueue(RateLimited().Header("Retry-After", "5"));
        var gate = new RetryGate(_clock);
        var options = Options(gate);

        var limited = Task.Run(() => new EdgeeClient(options).Complete(Request("first"), CancellationToken.None));
        await _clock.WaitUntilArmedAsync(TimeSpan.FromSeconds(5), Patience);
        var other = Task.Run(() => new EdgeeClient(options).Complete(Request("second"), CancellationToken.None));
        await Eventually.WaitUntilAsync(() => _clock.Armed.Count(due => due == TimeSpan.FromSeconds(5)) >= 2, Patience, () => "the second request did not wait at the gate");
        var requestsDuringThePause = _gateway.Requests.Count;
        _clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        var requestsJustBeforeItEnds = _gateway.Requests.Count;
        _clock.Advance(TimeSpan.FromTicks(1));
        var answers = await Task.WhenAll(limited, other).WaitAsync(Patience);

        Assert.Equal(1, requestsDuringThePause);
        Assert.Equal(1, requestsJustBeforeItEnds);
        Assert.Equal(["You said: first", "You said: second"], answers.Select(answer => answer.Text));
        // Nothing sent twice: the 429, then one request per prompt.
        Assert.Equal(3, _gateway.Requests.Count);
        Assert.Equal(1, gate.Pauses);
    }

    [Fact]
    public async Task Without_a_rate_limit_a_retry_waits_on_its_own_and_the_gate_stays_open()
    {
        _gateway.Enqueue(ScriptedResponse.Error(503, "server_error", "busy"));
        var gate = new RetryGate(_clock);

        var retried = Task.Run(() => new EdgeeClient(Options(gate, retryInterval: TimeSpan.FromSeconds(4))).Complete(Request("first"), CancellationToken.None));
        await Eventually.WaitUntilAsync(() => _clock.Armed.Any(due => due >= TimeSpan.FromSeconds(2) && due <= TimeSpan.FromSeconds(4)), Patience, () => "no backoff was armed");
        var other = new EdgeeClient(Options(gate)).Complete(Request("second"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(4));
        var answer = await retried.WaitAsync(Patience);

        Assert.Equal("You said: second", other.Text);
        Assert.Equal("You said: first", answer.Text);
        Assert.Equal(0, gate.Pauses);
    }

    private EdgeeClientOptions Options(RetryGate gate, TimeSpan? retryInterval = null) =>
        new(EdgeeEndpoint.Parse(_gateway.BaseUrl.ToString()), ApiKey)
        {
            Clock = _clock,
            MaximumRetryCount = 1,
            RetryInterval = retryInterval ?? TimeSpan.FromSeconds(1),
            RetryGate = gate,
        };

    private static ChatRequest Request(string prompt) => ChatRequestBuilder.Build("gpt-5.2", prompt, stream: false, unwrap: value => value);

    private static ScriptedResponse RateLimited() =>
        ScriptedResponse.Status(429)
            .Header("Content-Type", "application/json")
            .Write(ScriptedResponse.ErrorJson("rate_limit_error", "slow down", "rate_limit_exceeded"));
}
