using System.Net.Http.Headers;
using System.Text;
using EdgeePS.Errors;
using Xunit;

namespace EdgeePS.Tests.Core;

/// <summary><see cref="GatewayErrorReader.FromBody"/>: the gateway's error JSON, a proxy's HTML, or nothing at all.</summary>
public sealed class GatewayErrorReaderTests
{
    private const string ApiKey = "sk-edgee-live-7Hd2kPq9Xw";

    [Fact]
    public void A_json_error_gives_message_type_code_and_param()
    {
        var body = Utf8("""{"error":{"message":"Invalid API key provided.","type":"authentication_error","code":"unauthorized","param":"authorization"}}""");

        var error = GatewayErrorReader.FromBody(401, body, null, ApiKey);

        Assert.Equal(EdgeeErrorIds.ApiError, error.ErrorId);
        Assert.Equal("API error 401: Invalid API key provided.", error.Message);
        Assert.Equal(401, error.StatusCode);
        Assert.Equal("authentication_error", error.ErrorType);
        Assert.Equal("unauthorized", error.ErrorCode);
        Assert.Equal("authorization", error.Param);
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public void A_json_error_with_only_a_message_leaves_the_rest_null()
    {
        var body = Utf8("""{"error":{"message":"Model 'x' not found","code":null,"param":null}}""");

        var error = GatewayErrorReader.FromBody(404, body, null, ApiKey);

        Assert.Equal("API error 404: Model 'x' not found", error.Message);
        Assert.Null(error.ErrorType);
        Assert.Null(error.ErrorCode);
        Assert.Null(error.Param);
    }

    [Fact]
    public void A_numeric_error_code_is_read_as_text()
    {
        var body = Utf8("""{"error":{"message":"Too many requests","type":"rate_limit_error","code":429}}""");

        var error = GatewayErrorReader.FromBody(429, body, null, ApiKey);

        Assert.Equal("429", error.ErrorCode);
        Assert.Equal("rate_limit_error", error.ErrorType);
        Assert.Equal("API error 429: Too many requests", error.Message);
    }

    [Fact]
    public void A_json_error_with_non_ascii_message_is_decoded()
    {
        var body = Utf8("""{"error":{"message":"Modèle inconnu: 東京-1 😀","type":"invalid_request_error","code":"bad_model_id"}}""");

        var error = GatewayErrorReader.FromBody(400, body, null, ApiKey);

        Assert.Equal("API error 400: Modèle inconnu: 東京-1 😀", error.Message);
    }

    [Fact]
    public void An_error_object_without_a_message_still_says_what_it_was()
    {
        var body = Utf8("""{"error":{"type":"server_error","code":"internal_error"}}""");

        var error = GatewayErrorReader.FromBody(500, body, null, ApiKey);

        Assert.StartsWith("API error 500: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("internal_error", error.Message, StringComparison.Ordinal);
        Assert.Equal("server_error", error.ErrorType);
    }

    [Fact]
    public void An_html_body_is_quoted_trimmed()
    {
        const string Html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center></body>\r\n</html>";
        var body = Utf8("\r\n\r\n   " + Html + "\r\n\n  ");

        var error = GatewayErrorReader.FromBody(502, body, null, ApiKey);

        Assert.Equal(EdgeeErrorIds.ApiError, error.ErrorId);
        Assert.Equal(502, error.StatusCode);
        Assert.Equal("API error 502: " + Html, error.Message);
        Assert.Null(error.ErrorType);
        Assert.Null(error.ErrorCode);
    }

    [Fact]
    public void Plain_text_and_json_that_is_not_an_error_object_are_quoted()
    {
        var text = GatewayErrorReader.FromBody(503, Utf8("upstream connect error or disconnect/reset before headers"), null, ApiKey);
        var otherJson = GatewayErrorReader.FromBody(400, Utf8("""{"detail":"bad things"}"""), null, ApiKey);
        var stringError = GatewayErrorReader.FromBody(400, Utf8("""{"error":"just text"}"""), null, ApiKey);

        Assert.Equal("API error 503: upstream connect error or disconnect/reset before headers", text.Message);
        Assert.Equal("API error 400: {\"detail\":\"bad things\"}", otherJson.Message);
        Assert.Contains("just text", stringError.Message, StringComparison.Ordinal);
        Assert.StartsWith("API error 400: ", stringError.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x20, 0x0D, 0x0A })]
    public void An_empty_body_gives_an_error_that_names_the_status(byte[] body)
    {
        var error = GatewayErrorReader.FromBody(503, body, null, ApiKey);

        Assert.Equal(EdgeeErrorIds.ApiError, error.ErrorId);
        Assert.Equal(503, error.StatusCode);
        Assert.StartsWith("API error 503", error.Message, StringComparison.Ordinal);
        Assert.Null(error.ErrorType);
    }

    [Fact]
    public void The_key_echoed_in_a_json_message_is_masked()
    {
        var body = Utf8($$$"""{"error":{"message":"Incorrect API key provided: {{{ApiKey}}}. Check your key.","type":"authentication_error","code":"unauthorized"}}""");

        var error = GatewayErrorReader.FromBody(401, body, null, ApiKey);

        Assert.DoesNotContain(ApiKey, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("API error 401: Incorrect API key provided: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(". Check your key.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_echoed_in_a_raw_body_is_masked()
    {
        var html = GatewayErrorReader.FromBody(403, Utf8($"<html><body>Forbidden for Bearer {ApiKey}</body></html>"), null, ApiKey);
        var withoutMessage = GatewayErrorReader.FromBody(401, Utf8($$$"""{"error":{"type":"authentication_error","key":"{{{ApiKey}}}"}}"""), null, ApiKey);

        Assert.DoesNotContain(ApiKey, html.Message, StringComparison.Ordinal);
        Assert.Contains("Forbidden for Bearer", html.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, withoutMessage.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_part_of_the_key_shows_where_a_long_raw_body_is_cut_short()
    {
        // A long proxy page is quoted only in part; wherever that cut falls, it must not expose part of the key.
        var secretPart = ApiKey.Substring("sk-edgee-live-".Length, 6);
        var leaks = new List<int>();
        for (var pad = 0; pad <= 4100; pad += 5)
        {
            var body = Utf8(new string('y', pad) + ApiKey + " trailing text");
            var error = GatewayErrorReader.FromBody(502, body, null, ApiKey);
            if (error.Message.Contains(secretPart, StringComparison.Ordinal))
            {
                leaks.Add(pad);
            }
        }

        Assert.True(leaks.Count == 0, $"part of the key shows in the message when {string.Join(", ", leaks)} characters come before it");
    }

    // A fixed instant: the tests say what "now" is instead of reading the machine's clock.
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    [Fact]
    public void Retry_after_as_a_delay_is_kept()
    {
        var body = Utf8("""{"error":{"message":"Slow down","type":"rate_limit_error","code":"rate_limit_exceeded"}}""");

        var error = GatewayErrorReader.FromBody(429, body, GatewayErrorReader.RetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(30)), Now), ApiKey);

        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Equal("rate_limit_exceeded", error.ErrorCode);
    }

    [Fact]
    public void Retry_after_as_a_date_becomes_the_time_left_from_now()
    {
        Assert.Equal(TimeSpan.FromSeconds(120), GatewayErrorReader.RetryAfter(new RetryConditionHeaderValue(Now.AddSeconds(120)), Now));
        Assert.Equal(TimeSpan.FromSeconds(119), GatewayErrorReader.RetryAfter(new RetryConditionHeaderValue(Now.AddSeconds(120)), Now.AddSeconds(1)));
    }

    [Fact]
    public void Retry_after_as_a_past_date_is_no_wait_at_all()
    {
        Assert.Equal(TimeSpan.Zero, GatewayErrorReader.RetryAfter(new RetryConditionHeaderValue(Now.AddMinutes(-5)), Now));
        Assert.Equal(TimeSpan.Zero, GatewayErrorReader.RetryAfter(new RetryConditionHeaderValue(Now), Now));
    }

    [Fact]
    public void No_retry_after_header_is_no_retry_after()
    {
        Assert.Null(GatewayErrorReader.RetryAfter(null, Now));
    }

    [Fact]
    public void Retry_after_parsed_from_header_text_is_kept()
    {
        Assert.True(RetryConditionHeaderValue.TryParse("7", out var delta));
        Assert.True(RetryConditionHeaderValue.TryParse(Now.AddSeconds(90).ToString("r", System.Globalization.CultureInfo.InvariantCulture), out var when));

        Assert.Equal(TimeSpan.FromSeconds(7), GatewayErrorReader.RetryAfter(delta, Now));
        Assert.Equal(TimeSpan.FromSeconds(90), GatewayErrorReader.RetryAfter(when, Now));
    }

    [Fact]
    public void A_spend_cap_has_its_own_error_id_with_an_error_status_and_inside_a_200()
    {
        var body = Utf8("""{"error":{"message":"Usage limit exceeded","type":"rate_limit_error","code":"usage_limit_exceeded"}}""");

        var status = GatewayErrorReader.FromBody(429, body, null, ApiKey);
        var inside = GatewayErrorReader.FromBody(200, body, null, ApiKey);

        Assert.Equal(EdgeeErrorIds.UsageLimitExceeded, status.ErrorId);
        Assert.Equal("API error 429: Usage limit exceeded", status.Message);
        Assert.Equal(EdgeeErrorIds.UsageLimitExceeded, inside.ErrorId);
        Assert.Equal("API error (rate_limit_error, usage_limit_exceeded): Usage limit exceeded", inside.Message);
        Assert.Equal(200, inside.StatusCode);
    }

    [Theory]
    [InlineData("""{"message":"Too many requests, slow down","type":"rate_limit_error","code":"rate_limit_exceeded"}""", "API error (rate_limit_error, rate_limit_exceeded): Too many requests, slow down")]
    [InlineData("""{"message":"overloaded","type":"server_error"}""", "API error (server_error): overloaded")]
    [InlineData("""{"message":"no such model","code":"model_not_found"}""", "API error (model_not_found): no such model")]
    [InlineData("""{"message":"something"}""", "API error: something")]
    public void An_error_inside_a_200_names_type_and_code_instead_of_the_status(string errorObject, string message)
    {
        using var document = System.Text.Json.JsonDocument.Parse(errorObject);

        var first = GatewayErrorReader.FromErrorObject(200, document.RootElement, null, ApiKey, inStream: true);
        var later = GatewayErrorReader.FromErrorObject(200, document.RootElement, null, ApiKey, inStream: true, answerBegun: true);

        Assert.Equal(message, first.Message);
        Assert.Equal(EdgeeErrorIds.ApiError, first.ErrorId);
        Assert.True(first.InStream);
        Assert.Equal(200, first.StatusCode);
        Assert.Equal(message, later.Message);
        Assert.Equal(EdgeeErrorIds.StreamErrorEvent, later.ErrorId);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
