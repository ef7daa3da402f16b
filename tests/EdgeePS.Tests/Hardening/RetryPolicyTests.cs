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
