using System.Management.Automation;
using EdgeePS.Simulation;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Cmdlets;

public sealed class FaultTests : CmdletTestBase
{
    private const string Invoke = "EdgeePS.Cmdlets.InvokeEdgeeStreamCommand";
    private const string Send = "EdgeePS.Cmdlets.SendEdgeeCompletionCommand";

    public FaultTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public void StreamEndingWithoutDoneKeepsChunksAndAddsStreamTruncated()
    {
        Gateway.Enqueue(ScriptedResponse.Status(200)
            .Header("Content-Type", "text/event-stream")
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("kept "))
                + ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("too"))));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' | ForEach-Object Text");

        Assert.Equal("kept too", Text(result));
        Assert.Equal(new[] { "StreamTruncated," + Invoke }, ErrorIds(result));
        Assert.Equal(ErrorCategory.ProtocolError, result.Errors[0].CategoryInfo.Category);
    }

    [Fact]
    public void DroppedConnectionKeepsChunksAndAddsStreamTruncated()
    {
        Gateway.Enqueue(ScriptedResponse.Status(200)
            .Header("Content-Type", "text/event-stream")
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("before the drop")))
            .Delay(TimeSpan.FromMilliseconds(50))
            .Abort());

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' | ForEach-Object Text");

        Assert.Equal("before the drop", Text(result));
        Assert.Equal(new[] { "StreamTruncated," + Invoke }, ErrorIds(result));
    }

    [Fact]
    public void MalformedEventIsReportedAndTheStreamGoesOn()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(
            ScriptedResponse.ContentChunk("a"),
            "{\"choices\": [ broken",
            ScriptedResponse.ContentChunk("b")));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' | ForEach-Object Text");

        Assert.Equal("ab", Text(result));
        Assert.Equal(new[] { "MalformedStreamEvent," + Invoke }, ErrorIds(result));
        Assert.Equal(ErrorCategory.InvalidData, result.Errors[0].CategoryInfo.Category);
    }

    [Fact]
    public void ErrorEventMidStreamIsReportedWithTheGatewaysMessage()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(
            ScriptedResponse.ContentChunk("partial"),
            ScriptedResponse.ErrorJson("provider_error", "upstream provider overloaded", "overloaded")));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' | ForEach-Object Text");

        Assert.Equal("partial", Text(result));
        var error = Assert.Single(result.Errors);
        Assert.Equal("StreamErrorEvent," + Invoke, error.FullyQualifiedErrorId);
        Assert.Contains("upstream provider overloaded", error.Exception.Message);
        var api = Assert.IsType<EdgeeApiException>(error.Exception);
        Assert.Equal(("provider_error", "overloaded"), (api.ErrorType, api.ErrorCode));
    }

    [Fact]
    public void SuccessStatusWithErrorBodyIsAnError()
    {
        Gateway.Enqueue(ScriptedResponse.Json(200, ScriptedResponse.ErrorJson("invalid_request_error", "model is not allowed", "bad_model_id")));
        Gateway.Enqueue(ScriptedResponse.Json(200, ScriptedResponse.ErrorJson("invalid_request_error", "model is not allowed", "bad_model_id")));

        var streamed = Run("Invoke-EdgeeStream gpt-5.2 'Hello'");
        var sent = Run("Send-EdgeeCompletion gpt-5.2 'Hello'");

        Assert.Empty(streamed.Output);
        Assert.Empty(sent.Output);
        Assert.Equal(new[] { "ApiError," + Invoke }, ErrorIds(streamed));
        Assert.Equal(new[] { "ApiError," + Send }, ErrorIds(sent));
        // The 200 says nothing of what happened; what the gateway said does.
        Assert.Equal("API error (invalid_request_error, bad_model_id): model is not allowed", sent.Errors[0].Exception.Message);
        Assert.Equal(200, Assert.IsType<EdgeeApiException>(sent.Errors[0].Exception).StatusCode);
        Assert.All(streamed.Errors.Concat(sent.Errors), error => Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category));
    }

    [Theory]
    [InlineData(400, "invalid_request_error", ErrorCategory.InvalidArgument)]
    [InlineData(401, "authentication_error", ErrorCategory.AuthenticationError)]
    [InlineData(403, "permission_error", ErrorCategory.PermissionDenied)]
    [InlineData(404, "not_found_error", ErrorCategory.ObjectNotFound)]
    [InlineData(429, "rate_limit_error", ErrorCategory.LimitsExceeded)]
    [InlineData(500, "server_error", ErrorCategory.ResourceUnavailable)]
    [InlineData(503, "provider_error", ErrorCategory.ResourceUnavailable)]
    public void HttpErrorsBecomeTypedNonTerminatingErrors(int status, string type, ErrorCategory category)
    {
        Gateway.Enqueue(ScriptedResponse.Status(status)
            .Header("Content-Type", "application/json")
            .Write(ScriptedResponse.ErrorJson(type, $"failed with {status}", "some_code", "messages")));

        var result = Run("""
            Invoke-EdgeeStream gpt-5.2 'Hello' -MaximumRetryCount 0
            "after: $?"
            """);

        Assert.Equal("after: False", Assert.Single(result.Output).ToString());
        var error = Assert.Single(result.Errors);
        Assert.Equal("ApiError," + Invoke, error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        var api = Assert.IsType<EdgeeApiException>(error.Exception);
        Assert.Equal($"API error {status}: failed with {status}", api.Message);
        Assert.Equal((status, type, "some_code", "messages"), (api.StatusCode, api.ErrorType, api.ErrorCode, api.Param));
        var target = Assert.IsType<EdgeeRequestInfo>(error.TargetObject);
        Assert.Equal("gpt-5.2", target.Model);
    }

    [Fact]
    public void NonJsonErrorBodyIsQuotedTrimmed()
    {
        Gateway.Enqueue(ScriptedResponse.Status(502)
            .Header("Content-Type", "text/html")
            .Write("\n  <html><body>502 Bad Gateway</body></html>\n\n"));

        var result = Run("Send-EdgeeCompletion gpt-5.2 'Hello' -MaximumRetryCount 0");

        Assert.Equal("API error 502: <html><body>502 Bad Gateway</body></html>", Assert.Single(result.Errors).Exception.Message);
    }

    [Fact]
    public void RetryAfterIsExposedOnRateLimits()
    {
        Gateway.Enqueue(ScriptedResponse.Status(429)
            .Header("Retry-After", "7")
            .Header("Content-Type", "application/json")
            .Write(ScriptedResponse.ErrorJson("rate_limit_error", "slow down", "rate_limit_exceeded")));

        var result = Run("Send-EdgeeCompletion gpt-5.2 'Hello' -MaximumRetryCount 0");

        var api = Assert.IsType<EdgeeApiException>(Assert.Single(result.Errors).Exception);
        Assert.Equal(TimeSpan.FromSeconds(7), api.RetryAfter);
        Assert.Contains("7 s", result.Errors[0].ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void KeyEchoedByTheGatewayIsMasked()
    {
        Gateway.Enqueue(ScriptedResponse.Status(401)
            .Header("Content-Type", "application/json")
            .Write(ScriptedResponse.ErrorJson("authentication_error", $"invalid api key {ApiKey}", "unauthorized")));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello'");

        Assert.Single(result.Errors);
        Assert.DoesNotContain(ApiKey, result.AllText());
        Assert.Contains("invalid api key ***", result.Errors[0].Exception.Message);
    }

    [Fact]
    public void ErrorActionStopMakesItCatchable()
    {
        Gateway.Enqueue(ScriptedResponse.Error(404, "not_found_error", "no such model", "model_not_found"));

        var result = Run("""
            try { Send-EdgeeCompletion gpt-5.2 'Hello' -ErrorAction Stop; 'not reached' }
            catch [EdgeePS.EdgeeApiException] { "caught $($_.Exception.StatusCode) $($_.Exception.ErrorCode)" }
            """);

        Assert.Equal("caught 404 model_not_found", Assert.Single(result.Output).ToString());
    }

    [Fact]
    public void ErrorVariableCollectsTheRecordAndTheBatchGoesOn()
    {
        Gateway.Enqueue(ScriptedResponse.Error(500, "server_error", "boom"));
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("second works")));

        var result = Run("""
            'first', 'second' | Invoke-EdgeeStream gpt-5.2 -MaximumRetryCount 0 -ErrorVariable failures -ErrorAction SilentlyContinue | ForEach-Object Text
            $failures.Count
            $failures[0].FullyQualifiedErrorId
            """);

        Assert.Equal(new[] { "second works", "1", "ApiError," + Invoke }, result.Output.Select(item => item.ToString()));
    }

    [Fact]
    public async Task TlsFailureIsOneErrorRecordAndIsNotRetried()
    {
        await using var server = new UntrustedTlsServer();

        var result = Run($"Invoke-EdgeeStream gpt-5.2 'Hello' -RetryIntervalSec 0 -BaseUrl '{server.BaseUrl}'");

        var error = Assert.Single(result.Errors);
        Assert.Equal("ConnectionFailed," + Invoke, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains("SSL", error.Exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Null(result.TerminatingError);
        Assert.Equal(1, server.Handshakes);
    }

    [Fact]
    public void ConnectionRefusedIsOneErrorRecord()
    {
        using var refusing = new RefusingPort();

        var result = Run($"Invoke-EdgeeStream gpt-5.2 'Hello' -MaximumRetryCount 0 -BaseUrl '{refusing.BaseUrl}'");

        var error = Assert.Single(result.Errors);
        Assert.Equal("ConnectionFailed," + Invoke, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Null(result.TerminatingError);
    }
}
