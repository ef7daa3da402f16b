using System.Management.Automation;
using System.Net;
using EdgeePS.Tests.Cmdlets;

namespace EdgeePS.Tests.Simulation;

/// <summary>Each fault and refusal Add-EdgeeSimulatorResponse offers, as the cmdlets under test meet it and as it looks on the wire.</summary>
public sealed class SimulatorFaultTests : SimulatorTestBase
{
    public SimulatorFaultTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public void DropAfterCutsTheStreamBeforeDoneAndWhatArrivedIsKept()
    {
        var result = Run("""
            $simulator | Add-EdgeeSimulatorResponse -Text 'one two three four' -DropAfter 3
            -join (Invoke-EdgeeStream gpt-5.2 'count' -MaximumRetryCount 0 | ForEach-Object Text)
            """);

        Assert.Equal("one two", result.Output.Single().ToString());
        Assert.Equal(["StreamTruncated" + Invoke], ErrorIds(result));
    }

    [Fact]
    public void DropAfterZeroLosesTheConnectionBeforeAnyChunkWhichIsRetried()
    {
        var result = Run("""
            $simulator | Add-EdgeeSimulatorResponse -Text 'never' -DropAfter 0 -Count 2
            @(Invoke-EdgeeStream gpt-5.2 'x' -MaximumRetryCount 1 -RetryIntervalSec 0).Count
            @(Get-EdgeeSimulatorRequest $simulator).Count
            """);

        Assert.Equal(["0", "2"], result.Output.Select(item => item.ToString()));
        Assert.Equal(["ConnectionFailed" + Invoke], ErrorIds(result));
    }

    [Fact]
    public void DropAfterCutsAWholeAnswerHalfwayThroughItsBody()
    {
        var result = Run("""
            $simulator | Add-EdgeeSimulatorResponse -Text 'a whole answer' -DropAfter 0
            Send-EdgeeCompletion gpt-5.2 'x' -MaximumRetryCount 0
            """);

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ConnectionFailed" + Send, error.FullyQualifiedErrorId);
        Assert.Contains("lost while reading the response", error.Exception.Message);
    }

    [Fact]
    public async Task ErrorAfterSendsTheErrorEventAfterThoseChunksAndEndsTheStreamWithoutDone()
    {
        Lines("$simulator | Add-EdgeeSimulatorResponse -Text 'one two three' -ErrorAfter 2");

        var (response, body) = await PostChatAsync("""{"model":"gpt-5.2","stream":true,"stream_options":{"include_usage":true},"messages":[]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = EventData(body);
        Assert.Equal(3, events.Count);
        Assert.Contains("\"delta\":{\"content\":\"one\"}", events[1]);
        Assert.Equal("{\"error\":{\"message\":\"Internal server error\",\"type\":\"server_error\",\"code\":\"internal_error\"}}", events[2]);
    }

    [Fact]
    public void ErrorAfterReachesTheCmdletsAsAStreamErrorEventSayingWhatTheTestSaid_TheChunksBeforeKept()
    {
        var result = Run("""
            $simulator | Add-EdgeeSimulatorResponse -Text 'one two three' -ErrorAfter 3 -ErrorType provider_error -ErrorCode upstream_failed -ErrorMessage 'The provider went away'
            -join (Invoke-EdgeeStream gpt-5.2 'count' | ForEach-Object Text)
            """);

        Assert.Equal("one two", result.Output.Single().ToString());
        var error = Assert.Single(result.Errors);
        Assert.Equal("StreamErrorEvent" + Invoke, error.FullyQualifiedErrorId);
        var exception = Assert.IsType<EdgeeApiException>(error.Exception);
        Assert.Equal(("provider_error", "upstream_failed"), (exception.ErrorType, exception.ErrorCode));
        Assert.Contains("The provider went away", exception.Message);
    }

    [Fact]
    public async Task ErrorAfterMakesAWholeAnswerTheErrorInA200Body()
    {
        Lines("$simulator | Add-EdgeeSimulatorResponse -Text 'a whole answer' -ErrorAfter 1 -ErrorMessage 'Provider failed'");

        var (response, body) = await PostChatAsync("""{"model":"gpt-5.2","messages":[]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"error\":{\"message\":\"Provider failed\",\"type\":\"server_error\",\"code\":\"internal_error\"}}", body);
    }

    [Fact]
    public void StallAfterGoesSilentForStallSecThenSendsTheRest()
    {
        // A lower bound only: the stall cannot take less than its two seconds.
        var lines = Lines("""
            $simulator | Add-EdgeeSimulatorResponse -Text 'before after' -StallAfter 2 -StallSec 2
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            -join (Invoke-EdgeeStream gpt-5.2 'x' -IdleTimeoutSec 30 | ForEach-Object Text)
            $clock.Elapsed.TotalSeconds -ge 1.9
            """);

        Assert.Equal(["before after", "True"], lines);
    }

    [Fact]
    public async Task AStallLongerThanTheIdleTimeoutEndsTheStreamAndTheSimulatorSeesTheClientLeave()
    {
        var result = Run("""
            $simulator | Add-EdgeeSimulatorResponse -Text 'thinking hard' -StallAfter 2 -StallSec 60
            -join (Invoke-EdgeeStream gpt-5.2 'x' -IdleTimeoutSec 1 | ForEach-Object Text)
            """);

        Assert.Equal("thinking", result.Output.Single().ToString());
        var error = Assert.Single(result.Errors);
        Assert.Equal("StreamIdleTimeout" + Invoke, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        await Simulator.Gateway.Requests.Single().ClientDisconnected.WaitAsync(Patience);
    }

    [Fact]
    public void MalformedAfterSendsOneBrokenEventThenTheRestOfTheStream()
    {
        var result = Run("""
            $simulator | Add-EdgeeSimulatorResponse -Text 'one two three' -MalformedAfter 2
            -join (Invoke-EdgeeStream gpt-5.2 'x' | ForEach-Object Text)
            """);

        Assert.Equal("one two three", result.Output.Single().ToString());
        Assert.Equal(["MalformedStreamEvent" + Invoke], ErrorIds(result));
    }

    [Fact]
    public void MalformedAfterMakesAWholeAnswerThatIsNotJson()
    {
        var result = Run("""
            $simulator | Add-EdgeeSimulatorResponse -Text 'a whole answer' -MalformedAfter 0
            Send-EdgeeCompletion gpt-5.2 'x'
            """);

        Assert.Empty(result.Output);
        Assert.Equal(["UnexpectedResponse" + Send], ErrorIds(result));
    }

    [Theory]
    [InlineData(400, "invalid_request_error", null, ErrorCategory.InvalidArgument)]
    [InlineData(401, "authentication_error", "unauthorized", ErrorCategory.AuthenticationError)]
    [InlineData(403, "permission_error", "forbidden", ErrorCategory.PermissionDenied)]
    [InlineData(404, "not_found_error", "model_not_found", ErrorCategory.ObjectNotFound)]
    [InlineData(429, "rate_limit_error", "rate_limit_exceeded", ErrorCategory.LimitsExceeded)]
    [InlineData(500, "server_error", "internal_error", ErrorCategory.ResourceUnavailable)]
    [InlineData(502, "provider_error", null, ErrorCategory.ResourceUnavailable)]
    public void StatusRefusesWithTheGatewaysErrorTypeAndCodeForIt(int status, string type, string? code, ErrorCategory category)
    {
        var result = Run($"""
            $simulator | Add-EdgeeSimulatorResponse -Status {status}
            Send-EdgeeCompletion gpt-5.2 'x' -MaximumRetryCount 0
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal("ApiError" + Send, error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        var exception = Assert.IsType<EdgeeApiException>(error.Exception);
        Assert.Equal((status, type, code), (exception.StatusCode, exception.ErrorType, exception.ErrorCode));
        Assert.False(string.IsNullOrWhiteSpace(exception.Message));
    }

    [Fact]
    public void ErrorMessageCodeAndTypeSayWhatTheRefusalSays()
    {
        var result = Run("""
            $simulator | Add-EdgeeSimulatorResponse -Status 429 -ErrorMessage 'Monthly budget spent' -ErrorCode usage_limit_exceeded -ErrorType rate_limit_error
            Send-EdgeeCompletion gpt-5.2 'x' -MaximumRetryCount 0
            """);

        var exception = Assert.IsType<EdgeeApiException>(Assert.Single(result.Errors).Exception);
        Assert.Equal(("rate_limit_error", "usage_limit_exceeded"), (exception.ErrorType, exception.ErrorCode));
        Assert.Contains("Monthly budget spent", exception.Message);
    }

    [Fact]
    public async Task RetryAfterSecIsSentAsRetryAfterAndTheClientHonoursIt()
    {
        var refused = Run("""
            $simulator | Add-EdgeeSimulatorResponse -Status 503 -RetryAfterSec 7
            Send-EdgeeCompletion gpt-5.2 'x' -MaximumRetryCount 0
            """);
        // A 30 s retry interval would outlast the run's patience: only Retry-After: 0 lets the retry come at once.
        var lines = Lines("""
            $simulator | Add-EdgeeSimulatorResponse -Status 503 -RetryAfterSec 0
            $simulator | Add-EdgeeSimulatorResponse -Text 'recovered'
            (Send-EdgeeCompletion gpt-5.2 'x' -MaximumRetryCount 1 -RetryIntervalSec 30).Text
            @(Get-EdgeeSimulatorRequest $simulator).Count
            """, TimeSpan.FromSeconds(20));

        Assert.Equal(TimeSpan.FromSeconds(7), Assert.IsType<EdgeeApiException>(Assert.Single(refused.Errors).Exception).RetryAfter);
        Assert.Equal(["recovered", "3"], lines);
        Lines("$simulator | Add-EdgeeSimulatorResponse -Status 429 -RetryAfterSec 2");
        var (response, _) = await PostChatAsync("""{"model":"gpt-5.2"}""");
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("2", response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task InStreamRefusesAStreamWithStatus200AndTheErrorAsItsOnlyEvent()
    {
        Lines("$simulator | Add-EdgeeSimulatorResponse -Status 429 -InStream -ErrorMessage 'Too many requests, slow down' -RetryAfterSec 1");

        var (response, body) = await PostChatAsync("""{"model":"gpt-5.2","stream":true,"messages":[]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal(
            "data: {\"error\":{\"message\":\"Too many requests, slow down\",\"type\":\"rate_limit_error\",\"code\":\"rate_limit_exceeded\"}}\n\n",
            body);
    }

    [Fact]
    public async Task InStreamRefusesAWholeRequestWithStatus200AndTheErrorAsItsBody()
    {
        Lines("$simulator | Add-EdgeeSimulatorResponse -Status 503 -InStream");

        var (response, body) = await PostChatAsync("""{"model":"gpt-5.2","messages":[]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"error\":{\"message\":\"The service is unavailable\",\"type\":\"server_error\"}}", body);
    }

    [Fact]
    public void InStreamRefusalsReachTheCmdletsAsTheGatewaysErrorWithNothingWritten()
    {
        var result = Run("""
            $simulator | Add-EdgeeSimulatorResponse -Status 429 -InStream -Count 2
            Invoke-EdgeeStream gpt-5.2 'x' -MaximumRetryCount 0
            Send-EdgeeCompletion gpt-5.2 'x' -MaximumRetryCount 0
            """);

        Assert.Empty(result.Output);
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, error =>
        {
            var exception = Assert.IsType<EdgeeApiException>(error.Exception);
            Assert.Equal(("rate_limit_error", "rate_limit_exceeded"), (exception.ErrorType, exception.ErrorCode));
        });
    }
}
