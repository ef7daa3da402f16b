using System.Management.Automation;
using EdgeePS.Simulation;
using EdgeePS.Tests.Cmdlets;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Hardening;

/// <summary>
/// Refusals inside a 200 (issue 14): an error sent as a stream's first event, or as a whole answer's body, is
/// reported by what the gateway said (type, code) and retried by the rules of the HTTP status it stands for; an error
/// event after a chunk ends the stream and is never retried. Spend caps (issue 8) are never retried, in either form.
/// </summary>
public sealed class RefusalTests : HardeningTestBase
{
    private const string StreamSetName = ",EdgeePS.Cmdlets.SendEdgeeCompletionCommand";

    public RefusalTests(SessionFixture fixture) : base(fixture)
    {
    }

    /// <summary>The three ways to ask: a stream, a stream through Send-EdgeeCompletion, a whole answer.</summary>
    public enum Form
    {
        InvokeStream,
        SendStream,
        SendWhole,
    }

    public static TheoryData<Form, string, string?, ErrorCategory> ErrorKinds()
    {
        var data = new TheoryData<Form, string, string?, ErrorCategory>();
        foreach (var form in Enum.GetValues<Form>())
        {
            data.Add(form, "rate_limit_error", "rate_limit_exceeded", ErrorCategory.LimitsExceeded);
            data.Add(form, "authentication_error", "unauthorized", ErrorCategory.AuthenticationError);
            data.Add(form, "permission_error", null, ErrorCategory.PermissionDenied);
            data.Add(form, "invalid_request_error", null, ErrorCategory.InvalidArgument);
            data.Add(form, "invalid_request_error", "model_not_found", ErrorCategory.ObjectNotFound);
            data.Add(form, "not_found_error", null, ErrorCategory.ObjectNotFound);
            data.Add(form, "server_error", "internal_error", ErrorCategory.ResourceUnavailable);
            data.Add(form, "provider_error", null, ErrorCategory.ResourceUnavailable);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ErrorKinds))]
    public void ARefusalNamesTypeAndCodeAndTakesItsCategoryFromThem(Form form, string type, string? code, ErrorCategory category)
    {
        Gateway.Enqueue(Refusal(form, type, "Too many requests, slow down", code));

        var result = Run(Command(form) + " -MaximumRetryCount 0");

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ApiError" + Suffix(form), error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        var said = code is null ? type : $"{type}, {code}";
        Assert.Equal($"API error ({said}): Too many requests, slow down", error.Exception.Message);
        var api = Assert.IsType<EdgeeApiException>(error.Exception);
        Assert.Equal(200, api.StatusCode);
        Assert.Equal(form != Form.SendWhole, api.InStream);
        Assert.Equal((type, code), (api.ErrorType, api.ErrorCode));
        Assert.Single(Gateway.Requests);
    }

    [Theory]
    [InlineData(Form.InvokeStream, "rate_limit_error", "rate_limit_exceeded")]
    [InlineData(Form.SendStream, "rate_limit_error", "rate_limit_exceeded")]
    [InlineData(Form.SendWhole, "rate_limit_error", "rate_limit_exceeded")]
    [InlineData(Form.InvokeStream, "server_error", null)]
    [InlineData(Form.SendWhole, "provider_error", null)]
    public void ARefusalThatWaitingCanCureIsRetriedBeforeAnyChunk(Form form, string type, string? code)
    {
        Gateway.Enqueue(Refusal(form, type, "not now", code));
        Gateway.Enqueue(Answer(form, "second ", "try"));

        var result = Run(Command(form) + " -RetryIntervalSec 0 -Verbose | ForEach-Object Text");

        Assert.Equal("second try", Text(result.EnsureSuccess()));
        Assert.Equal(2, Gateway.Requests.Count);
        var retry = Assert.Single(RetryLines(result));
        Assert.Contains("Attempt 1 of 2", retry);
        Assert.Contains(type, retry);
    }

    [Fact]
    public void RefusalsUpToTheLimitGiveOneErrorAndTheServerSeesEveryAttempt()
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            Gateway.Enqueue(Refusal(Form.InvokeStream, "rate_limit_error", $"refusal {attempt + 1}", "rate_limit_exceeded"));
        }

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' -MaximumRetryCount 2 -RetryIntervalSec 0 -Verbose");

        Assert.Equal(3, Gateway.Requests.Count);
        Assert.Equal(2, RetryLines(result).Count);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ApiError" + Invoke, error.FullyQualifiedErrorId);
        Assert.Equal("API error (rate_limit_error, rate_limit_exceeded): refusal 3", error.Exception.Message);
    }

    [Theory]
    [InlineData(Form.InvokeStream)]
    [InlineData(Form.SendWhole)]
    public void RetryAfterOnTheRefusingResponseIsHonoured(Form form)
    {
        // The client's own backoff would be 15 to 30 s: a wait of 0 comes from the header.
        Gateway.Enqueue(Refusal(form, "rate_limit_error", "slow down", "rate_limit_exceeded").Header("Retry-After", "0"));
        Gateway.Enqueue(Answer(form, "done"));
        Gateway.Enqueue(Refusal(form, "rate_limit_error", "slow down", "rate_limit_exceeded").Header("Retry-After", "7"));

        var retried = Run(Command(form) + " -RetryIntervalSec 30 -Verbose | ForEach-Object Text");
        var reported = Run(Command(form) + " -MaximumRetryCount 0");

        Assert.Equal("done", Text(retried.EnsureSuccess()));
        Assert.Equal(0.0, WaitSeconds(Assert.Single(RetryLines(retried))), precision: 3);
        var error = Assert.Single(reported.Errors);
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.IsType<EdgeeApiException>(error.Exception).RetryAfter);
        Assert.Contains("7 s", error.ErrorDetails.RecommendedAction);
    }

    [Theory]
    [InlineData(Form.InvokeStream, "authentication_error", "unauthorized")]
    [InlineData(Form.SendWhole, "authentication_error", "unauthorized")]
    [InlineData(Form.InvokeStream, "invalid_request_error", "bad_model_id")]
    [InlineData(Form.SendStream, "invalid_request_error", null)]
    [InlineData(Form.SendWhole, "permission_error", "forbidden")]
    public void ARefusalThatWaitingCannotCureIsNotRetried(Form form, string type, string? code)
    {
        Gateway.Enqueue(Refusal(form, type, "no", code));
        Gateway.Enqueue(Answer(form, "must not be fetched"));

        var result = Run(Command(form) + " -MaximumRetryCount 3 -RetryIntervalSec 0 -Verbose");

        Assert.Equal("ApiError" + Suffix(form), Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Single(Gateway.Requests);
        Assert.Empty(RetryLines(result));
    }

    [Theory]
    [InlineData(Form.InvokeStream)]
    [InlineData(Form.SendStream)]
    [InlineData(Form.SendWhole)]
    public void ASpendCapInsideA200IsNotRetriedAndSaysWaitingDoesNotHelp(Form form)
    {
        Gateway.Enqueue(Refusal(form, "rate_limit_error", "Usage limit exceeded for this key", "usage_limit_exceeded"));
        Gateway.Enqueue(Answer(form, "must not be fetched"));

        var result = Run(Command(form) + " -MaximumRetryCount 3 -RetryIntervalSec 0 -Verbose");

        AssertSpendCap(result, Suffix(form), statusCode: 200);
    }

    [Theory]
    [InlineData(Form.InvokeStream)]
    [InlineData(Form.SendWhole)]
    public void ASpendCapAnsweredWith429IsNotRetriedAndSaysWaitingDoesNotHelp(Form form)
    {
        Gateway.Enqueue(ScriptedResponse.Status(429)
            .Header("Retry-After", "1")
            .Header("Content-Type", "application/json")
            .Write(ScriptedResponse.ErrorJson("rate_limit_error", "Usage limit exceeded for this key", "usage_limit_exceeded")));
        Gateway.Enqueue(Answer(form, "must not be fetched"));

        var result = Run(Command(form) + " -MaximumRetryCount 3 -RetryIntervalSec 0 -Verbose");

        AssertSpendCap(result, Suffix(form), statusCode: 429);
        Assert.Equal("API error 429: Usage limit exceeded for this key", result.Errors[0].Exception.Message);
    }

    [Fact]
    public void ASpendCapIsStillAGatewayErrorToCatch()
    {
        Gateway.Enqueue(ScriptedResponse.Error(429, "rate_limit_error", "Usage limit exceeded", "usage_limit_exceeded"));

        var result = Run("""
            try { Send-EdgeeCompletion gpt-5.2 'Hello' -ErrorAction Stop }
            catch [EdgeePS.EdgeeApiException] { "caught $($_.Exception.StatusCode) $($_.Exception.ErrorCode) $($_.FullyQualifiedErrorId)" }
            """);

        Assert.Equal($"caught 429 usage_limit_exceeded UsageLimitExceeded{Send}", Assert.Single(result.Output).ToString());
    }

    [Theory]
    [InlineData(Form.InvokeStream)]
    [InlineData(Form.SendStream)]
    public void AnErrorEventAfterTheFirstChunkEndsTheStreamKeepsTheChunksAndIsNotRetried(Form form)
    {
        Gateway.Enqueue(ScriptedResponse.Sse(
            ScriptedResponse.ContentChunk("kept "),
            ScriptedResponse.ContentChunk("too"),
            ScriptedResponse.ErrorJson("rate_limit_error", "Too many requests, slow down", "rate_limit_exceeded")));
        Gateway.Enqueue(Answer(form, "a retry would duplicate output"));

        var result = Run(Command(form) + " -MaximumRetryCount 3 -RetryIntervalSec 0 -Verbose | ForEach-Object Text");

        Assert.Equal("kept too", Text(result));
        var error = Assert.Single(result.Errors);
        Assert.Equal("StreamErrorEvent" + Suffix(form), error.FullyQualifiedErrorId);
        Assert.Equal("API error (rate_limit_error, rate_limit_exceeded): Too many requests, slow down", error.Exception.Message);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.True(Assert.IsType<EdgeeApiException>(error.Exception).InStream);
        Assert.Single(Gateway.Requests);
        Assert.Empty(RetryLines(result));
    }

    [Fact]
    public void AnOpeningRoleChunkIsAChunkAlreadyWrittenSoALaterErrorIsNotRetried()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(
            ScriptedResponse.RoleChunk(),
            ScriptedResponse.ErrorJson("server_error", "overloaded")));
        Gateway.Enqueue(Stream("a retry would duplicate the role chunk"));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' -RetryIntervalSec 0 | ForEach-Object Role");

        Assert.Equal("assistant", Assert.Single(result.Output).ToString());
        Assert.Equal("StreamErrorEvent" + Invoke, Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Single(Gateway.Requests);
    }

    private void AssertSpendCap(PowerShellResult result, string suffix, int statusCode)
    {
        var error = Assert.Single(result.Errors);
        Assert.Equal("UsageLimitExceeded" + suffix, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.QuotaExceeded, error.CategoryInfo.Category);
        Assert.Contains("waiting does not help", error.ErrorDetails.RecommendedAction);
        var api = Assert.IsType<EdgeeApiException>(error.Exception);
        Assert.Equal(statusCode, api.StatusCode);
        Assert.Equal("usage_limit_exceeded", api.ErrorCode);
        Assert.Single(Gateway.Requests);
        Assert.Empty(RetryLines(result));
    }

    private static string Command(Form form) => form switch
    {
        Form.InvokeStream => "Invoke-EdgeeStream gpt-5.2 'Hello'",
        Form.SendStream => "Send-EdgeeCompletion gpt-5.2 'Hello' -Stream",
        _ => "Send-EdgeeCompletion gpt-5.2 'Hello'",
    };

    private static string Suffix(Form form) => form == Form.InvokeStream ? Invoke : StreamSetName;

    /// <summary>
    /// A 200 that refuses: for a stream, one error event and then the end of the body, as OpenAI-compatible servers
    /// send it; for a whole answer, the error object as the body.
    /// </summary>
    private static ScriptedResponse Refusal(Form form, string type, string message, string? code) =>
        form == Form.SendWhole
            ? ScriptedResponse.Json(200, ScriptedResponse.ErrorJson(type, message, code))
            : EventStreamHeaders().Write(ScriptedResponse.SseEvent(ScriptedResponse.ErrorJson(type, message, code)));

    private static ScriptedResponse Answer(Form form, params string[] texts) =>
        form == Form.SendWhole ? ScriptedResponse.Json(200, ScriptedResponse.CompletionJson(string.Concat(texts))) : Stream(texts);
}
