using System.Diagnostics;
using System.Management.Automation;
using System.Text.RegularExpressions;
using EdgeePS.Simulation;
using EdgeePS.Tests.Cmdlets;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Hardening;

/// <summary>
/// Retries before the stream starts (issue 3): which failures are retried, how often, how long the waits are, and
/// that nothing is retried once a body byte has reached the caller. -RetryIntervalSec 0 keeps tests fast wherever
/// the wait itself is not the point.
/// </summary>
public sealed class RetryTests : HardeningTestBase
{
    public RetryTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public void RateLimitWithRetryAfterOneSecondIsRetriedOnceAndThenStreams()
    {
        // That the client really waits is proven on a fake clock (ClientRetryWaitTests); here, that it asks to.
        Gateway.Enqueue(ScriptedResponse.Status(429)
            .Header("Retry-After", "1")
            .Header("Content-Type", "application/json")
            .Write(ScriptedResponse.ErrorJson("rate_limit_error", "slow down", "rate_limit_exceeded")));
        Gateway.Enqueue(Stream("after ", "the wait"));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' -Verbose | ForEach-Object Text");

        Assert.Equal("after the wait", Text(result.EnsureSuccess()));
        Assert.Equal(2, Gateway.Requests.Count);
        var retry = Assert.Single(RetryLines(result));
        Assert.Contains("Attempt 1 of 2", retry);
        Assert.Contains("429", retry);
        Assert.Equal(1.0, WaitSeconds(retry), precision: 3);
    }

    [Fact]
    public void RetryAfterAsAnHttpDateIsHonoured()
    {
        // A date long past asks for no wait at all, whatever the machine's clock says; the client's own backoff
        // would be 15 to 30 s, so a wait of 0 comes from the date. (Dates ahead: ClientRetryWaitTests, on a fake clock.)
        Gateway.Enqueue(ScriptedResponse.Status(503)
            .Header("Retry-After", "Sat, 01 Jan 2000 00:00:00 GMT")
            .Header("Content-Type", "application/json")
            .Write(ScriptedResponse.ErrorJson("server_error", "maintenance")));
        Gateway.Enqueue(Stream("back"));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' -RetryIntervalSec 30 -Verbose | ForEach-Object Text");

        Assert.Equal("back", Text(result.EnsureSuccess()));
        Assert.Equal(0.0, WaitSeconds(Assert.Single(RetryLines(result))), precision: 3);
    }

    [Fact]
    public void ThreeServiceUnavailableAnswersWithTheLimitAtTwoGiveOneErrorNamingTheLastStatus()
    {
        Gateway.Enqueue(Failure(503, "first failure"));
        Gateway.Enqueue(Failure(503, "second failure"));
        Gateway.Enqueue(Failure(503, "third failure"));
        Gateway.Enqueue(Stream("never fetched"));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' -MaximumRetryCount 2 -RetryIntervalSec 0 -Verbose | ForEach-Object Text");

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ApiError" + Invoke, error.FullyQualifiedErrorId);
        var api = Assert.IsType<EdgeeApiException>(error.Exception);
        Assert.Equal(503, api.StatusCode);
        Assert.Equal("API error 503: third failure", api.Message);
        Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
        Assert.Equal(3, Gateway.Requests.Count);
        Assert.Equal(2, RetryLines(result).Count);
    }

    [Fact]
    public void AfterMixedFailuresTheErrorNamesTheLastOne()
    {
        Gateway.Enqueue(Failure(502, "bad gateway"));
        Gateway.Enqueue(Failure(504, "gateway timeout"));
        Gateway.Enqueue(Failure(429, "rate limited", "rate_limit_error"));

        var result = Run("Send-EdgeeCompletion gpt-5.2 'Hello' -MaximumRetryCount 2 -RetryIntervalSec 0");

        var error = Assert.Single(result.Errors);
        Assert.Equal("ApiError" + Send, error.FullyQualifiedErrorId);
        Assert.Equal(429, Assert.IsType<EdgeeApiException>(error.Exception).StatusCode);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Equal(3, Gateway.Requests.Count);
    }

    [Fact]
    public void TheDefaultIsOneRetry()
    {
        for (var index = 0; index < 3; index++)
        {
            Gateway.Enqueue(Failure(503, $"failure {index + 1}"));
        }

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' -RetryIntervalSec 0");

        Assert.Equal("API error 503: failure 2", Assert.Single(result.Errors).Exception.Message);
        Assert.Equal(2, Gateway.Requests.Count);
    }

    [Fact]
    public void MaximumRetryCountZeroDisablesRetries()
    {
        Gateway.Enqueue(Failure(503, "once"));
        Gateway.Enqueue(Stream("not wanted"));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' -MaximumRetryCount 0 -Verbose");

        Assert.Equal("ApiError" + Invoke, Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Single(Gateway.Requests);
        Assert.Empty(RetryLines(result));
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public void TransientStatusesAreRetriedBeforeTheStreamStarts(int status)
    {
        Gateway.Enqueue(Failure(status, "transient"));
        Gateway.Enqueue(Stream("recovered"));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' -RetryIntervalSec 0 -Verbose | ForEach-Object Text");

        Assert.Equal("recovered", Text(result.EnsureSuccess()));
        Assert.Equal(2, Gateway.Requests.Count);
        Assert.Contains($"HTTP {status}", Assert.Single(RetryLines(result)));
    }

    [Theory]
    [InlineData(400, "invalid_request_error")]
    [InlineData(401, "authentication_error")]
    [InlineData(403, "permission_error")]
    [InlineData(404, "not_found_error")]
    public void ClientErrorsAreNeverRetried(int status, string type)
    {
        Gateway.Enqueue(Failure(status, "final", type));
        Gateway.Enqueue(Stream("must not be fetched"));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' -MaximumRetryCount 5 -RetryIntervalSec 0 -Verbose");

        var api = Assert.IsType<EdgeeApiException>(Assert.Single(result.Errors).Exception);
        Assert.Equal(status, api.StatusCode);
        Assert.Single(Gateway.Requests);
        Assert.Empty(RetryLines(result));
    }

    [Fact]
    public void WholeCompletionsAreRetriedToo()
    {
        Gateway.Enqueue(Failure(500, "hiccup"));
        Gateway.Enqueue(ScriptedResponse.Json(200, ScriptedResponse.CompletionJson("whole answer")));

        var result = Run("(Send-EdgeeCompletion gpt-5.2 'Hello' -RetryIntervalSec 0).Text");

        Assert.Equal("whole answer", Text(result.EnsureSuccess()));
        Assert.Equal(2, Gateway.Requests.Count);
    }

    [Fact]
    public void ConnectionDroppedBeforeTheResponseIsRetried()
    {
        Gateway.Enqueue(ScriptedResponse.Status(200).Abort());
        Gateway.Enqueue(Stream("second ", "try"));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' -RetryIntervalSec 0 -Verbose | ForEach-Object Text");

        Assert.Equal("second try", Text(result.EnsureSuccess()));
        Assert.Equal(2, Gateway.Requests.Count);
        Assert.Contains("ConnectionFailed", Assert.Single(RetryLines(result)));
    }

    [Fact]
    public void ConnectionRefusedIsRetriedUpToTheLimitThenOneError()
    {
        using var refusing = new RefusingPort();

        var result = Run($"Invoke-EdgeeStream gpt-5.2 'Hello' -MaximumRetryCount 2 -RetryIntervalSec 0 -Verbose -BaseUrl '{refusing.BaseUrl}'");

        Assert.Equal("ConnectionFailed" + Invoke, Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Equal(2, RetryLines(result).Count);
        Assert.Null(result.TerminatingError);
    }

    [Fact]
    public async Task DisconnectAfterTheFirstChunkIsNotRetriedAndKeepsTheChunk()
    {
        var firstChunkSeen = new TaskCompletionSource();
        Gateway.Enqueue(EventStreamHeaders()
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("only this")))
            .WaitFor(firstChunkSeen.Task)
            .Abort());
        Gateway.Enqueue(Stream("a retry would duplicate output"));

        var pipeline = Start("Invoke-EdgeeStream gpt-5.2 'Hello' -RetryIntervalSec 0 -Verbose | ForEach-Object Text");
        await pipeline.WaitForOutputAsync(1, Patience);
        firstChunkSeen.SetResult();
        var result = await pipeline.Completion;

        Assert.Equal("only this", Text(result));
        Assert.Equal("StreamTruncated" + Invoke, Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Single(Gateway.Requests);
        Assert.Empty(RetryLines(result));
    }

    [Fact]
    public void ErrorEventAfterTheStreamBeganIsNotRetried()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(
            ScriptedResponse.ContentChunk("begun"),
            ScriptedResponse.ErrorJson("server_error", "overloaded mid-stream")));
        Gateway.Enqueue(Stream("a retry would duplicate output"));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' -RetryIntervalSec 0 | ForEach-Object Text");

        Assert.Equal("begun", Text(result));
        Assert.Equal("StreamErrorEvent" + Invoke, Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Single(Gateway.Requests);
    }

    [Fact]
    public void IdleTimeoutAfterTheStreamBeganIsNotRetried()
    {
        Gateway.Enqueue(EventStreamHeaders().Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("begun"))).Stall());
        Gateway.Enqueue(Stream("a retry would duplicate output"));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' -IdleTimeoutSec 1 -RetryIntervalSec 0 | ForEach-Object Text");

        Assert.Equal("begun", Text(result));
        Assert.Equal("StreamIdleTimeout" + Invoke, Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Single(Gateway.Requests);
    }

    /// <summary>
    /// The issue allows a retry "while no body byte has reached the caller". A connection that breaks after the
    /// status line but before the first body byte has delivered nothing, so it is such a connection failure.
    /// </summary>
    [Fact]
    public void ConnectionLostAfterTheHeadersButBeforeAnyBodyByteIsRetried()
    {
        Gateway.Enqueue(EventStreamHeaders().Write(string.Empty).Delay(TimeSpan.FromMilliseconds(200)).Abort());
        Gateway.Enqueue(Stream("second ", "try"));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' -RetryIntervalSec 0 -Verbose | ForEach-Object Text");

        Assert.True(
            Gateway.Requests.Count == 2 && Text(result) == "second try" && result.Errors.Count == 0,
            $"Expected one retry and the second stream; got {Gateway.Requests.Count} request(s), output '{Text(result)}', "
            + $"errors [{string.Join(", ", result.Errors.Select(error => error.FullyQualifiedErrorId))}].");
    }

    [Fact]
    public async Task RetryAfterIsCappedAndCtrlCDuringTheWaitStopsAtOnce()
    {
        Gateway.Enqueue(ScriptedResponse.Status(429)
            .Header("Retry-After", "3600")
            .Header("Content-Type", "application/json")
            .Write(ScriptedResponse.ErrorJson("rate_limit_error", "come back in an hour")));

        // Verbose merged into the output, so the test sees the retry narration arrive before it presses Ctrl+C.
        var pipeline = Start("Invoke-EdgeeStream gpt-5.2 'Hello' -Verbose 4>&1 | ForEach-Object { $_.Message }");
        var narrated = Task.Run(async () =>
        {
            while (!pipeline.Output.Any(item => item.ToString().Contains("retrying", StringComparison.Ordinal)))
            {
                await pipeline.WaitForOutputAsync(pipeline.Output.Count + 1, Patience);
            }
        });
        await narrated.WaitAsync(Patience);

        var clock = Stopwatch.StartNew();
        pipeline.Stop();
        var result = await pipeline.Completion;
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Stopping during the retry wait took {clock.Elapsed}.");
        Assert.True(result.Stopped);
        Assert.Empty(result.Errors);
        var retry = Assert.Single(result.Output.Select(item => item.ToString()), line => line.Contains("retrying", StringComparison.Ordinal));
        Assert.Equal(60.0, WaitSeconds(retry), precision: 3);
        Assert.Single(Gateway.Requests);
    }
}
