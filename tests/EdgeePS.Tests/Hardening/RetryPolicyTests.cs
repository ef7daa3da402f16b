using EdgeePS.Transport;

namespace EdgeePS.Tests.Hardening;

/// <summary>The retry rules of issue 3, asked of the core directly: what is retryable, and the shape of the waits.</summary>
public sealed class RetryPolicyTests
{
    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(501, false)]
    public void OnlyTransientStatusesAreRetryable(int status, bool retryable)
    {
        var error = new EdgeeApiException(EdgeeErrorIds.ApiError, $"API error {status}", status, null, null, null, null);

        Assert.Equal(retryable, RetryPolicy.IsRetryable(error));
    }

    [Theory]
    // An error inside a 200 (a body, or a stream's first event) is retried as the status its code or type stands for.
    [InlineData(200, "rate_limit_error", "rate_limit_exceeded", true)]
    [InlineData(200, "rate_limit_error", null, true)]
    [InlineData(200, null, "rate_limit_exceeded", true)]
    [InlineData(200, "server_error", null, true)]
    [InlineData(200, "provider_error", null, true)]
    [InlineData(200, "server_error", "internal_error", true)]
    [InlineData(200, "authentication_error", "unauthorized", false)]
    [InlineData(200, "permission_error", null, false)]
    [InlineData(200, "invalid_request_error", "model_not_found", false)]
    [InlineData(200, "not_found_error", null, false)]
    [InlineData(200, "something_new", null, false)]
    [InlineData(200, null, null, false)]
    // A spend cap is never retried, whichever form it takes; the response's own error status wins over the type.
    [InlineData(429, "rate_limit_error", "usage_limit_exceeded", false)]
    [InlineData(200, "rate_limit_error", "usage_limit_exceeded", false)]
    [InlineData(400, "rate_limit_error", null, false)]
    [InlineData(503, "invalid_request_error", null, true)]
    public void ErrorsInsideA200AreRetriedAsTheStatusTheyStandFor(int status, string? type, string? code, bool retryable)
    {
        var error = new EdgeeApiException(EdgeeErrorIds.ApiError, "refused", status, type, code, null, null, inStream: status == 200);

        Assert.Equal(retryable, RetryPolicy.IsRetryable(error));
    }

    [Fact]
    public void AnErrorEventAfterTheFirstChunkIsNeverRetryable()
    {
        var midStream = new EdgeeApiException(EdgeeErrorIds.StreamErrorEvent, "overloaded", 200, "server_error", null, null, null, inStream: true);

        Assert.False(RetryPolicy.IsRetryable(midStream));
    }

    [Fact]
    public void ConnectionFailuresAreRetryableButMidStreamFailuresAreNot()
    {
        Assert.True(RetryPolicy.IsRetryable(new EdgeeException(EdgeeErrorIds.ConnectionFailed, "refused")));
        foreach (var midStream in new[]
                 {
                     EdgeeErrorIds.StreamTruncated, EdgeeErrorIds.StreamIdleTimeout, EdgeeErrorIds.MalformedStreamEvent,
                     EdgeeErrorIds.StreamErrorEvent, EdgeeErrorIds.StreamEventTooLarge,
                 })
        {
            Assert.False(RetryPolicy.IsRetryable(new EdgeeException(midStream, "mid-stream")), midStream);
        }
    }

    [Fact]
    public void WaitsDoubleWithJitterBetweenHalfAndAllOfTheExponentialStep()
    {
        var interval = TimeSpan.FromSeconds(1);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var step = interval.TotalSeconds * Math.Pow(2, attempt - 1);
            var waits = Enumerable.Range(0, 200).Select(_ => RetryPolicy.Wait(attempt, interval, null).TotalSeconds).ToList();

            Assert.All(waits, wait => Assert.InRange(wait, step * 0.5, step));
            // Jitter: parallel runbooks that failed together must not all come back at the same instant.
            Assert.True(waits.Distinct().Count() > 100, $"attempt {attempt}: only {waits.Distinct().Count()} distinct waits in 200");
        }
    }

    [Fact]
    public void WaitsAreCappedAtOneMinute()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), RetryPolicy.MaximumWait);
        Assert.All(
            Enumerable.Range(7, 94),
            attempt => Assert.InRange(RetryPolicy.Wait(attempt, TimeSpan.FromSeconds(1), null), TimeSpan.Zero, RetryPolicy.MaximumWait));
        Assert.Equal(RetryPolicy.MaximumWait, RetryPolicy.Wait(1, TimeSpan.Zero, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void RetryAfterWinsOverTheBackoff()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), RetryPolicy.Wait(1, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(7)));
        Assert.Equal(TimeSpan.Zero, RetryPolicy.Wait(3, TimeSpan.FromSeconds(30), TimeSpan.Zero));
    }

    [Fact]
    public void AZeroIntervalMeansNoWait()
    {
        Assert.Equal(TimeSpan.Zero, RetryPolicy.Wait(1, TimeSpan.Zero, null));
        Assert.Equal(TimeSpan.Zero, RetryPolicy.Wait(4, TimeSpan.Zero, null));
    }
}
