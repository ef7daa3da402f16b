using System.Management.Automation;
using System.Security;
using EdgeePS.Simulation;
using EdgeePS.Tests.Cmdlets;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Hardening;

/// <summary>
/// Secrets (issue 3): every error scenario of the suite, run with -Verbose -Debug and a distinctive key — once as a
/// string, once as a SecureString — and then a scan of all six streams, every error record (message, TargetObject,
/// exception and inner exceptions with their properties, ErrorDetails), the ToString() and properties of every output
/// object, and $Error and -ErrorVariable afterwards. The key, or any half of its secret part, may appear nowhere.
/// </summary>
public sealed class SecretLeakTests : HardeningTestBase
{
    private const string Key = "sk-edgee-LEAKCHECK-4q9Zr7TnW2vLx8";
    private static readonly string[] Fragments = [Key, "4q9Zr7Tn", "TnW2vLx8"];

    private const string StreamStatement = "Invoke-EdgeeStream gpt-5.2 'Hello' -ApiKey $key -BaseUrl $base @common";

    public SecretLeakTests(SessionFixture fixture) : base(fixture)
    {
    }

    private static IReadOnlyList<LeakScenario> Scenarios =>
    [
        new("HTTP 401 echoing the key in its message", StreamStatement + " -MaximumRetryCount 0", "ApiError",
            (gateway, key) => gateway.Enqueue(ScriptedResponse.Error(401, "authentication_error", $"Invalid API key provided: {key}", "invalid_api_key"))),
        new("HTTP 400 echoing the key in code and param", StreamStatement, "ApiError",
            (gateway, key) => gateway.Enqueue(ScriptedResponse.Json(400, ScriptedResponse.ErrorJson("invalid_request_error", "bad request", code: key, param: key)))),
        new("HTTP 502 HTML page echoing the key, retried", StreamStatement + " -MaximumRetryCount 1 -RetryIntervalSec 0", "ApiError",
            (gateway, key) =>
            {
                for (var attempt = 0; attempt < 2; attempt++)
                {
                    gateway.Enqueue(ScriptedResponse.Status(502).Header("Content-Type", "text/html").Write($"<html>upstream saw Authorization: Bearer {key}</html>"));
                }
            }),
        new("HTTP 429 with Retry-After echoing the key, then a stream", StreamStatement, null,
            (gateway, key) =>
            {
                gateway.Enqueue(ScriptedResponse.Status(429).Header("Retry-After", "0").Header("Content-Type", "application/json")
                    .Write(ScriptedResponse.ErrorJson("rate_limit_error", $"too many requests for {key}", key, key)));
                gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("after the retry")));
            }),
        new("a 200 JSON error body echoing the key", StreamStatement, "ApiError",
            (gateway, key) => gateway.Enqueue(ScriptedResponse.Json(200, ScriptedResponse.ErrorJson("invalid_request_error", $"key {key} may not use this model", key, key)))),
        new("an error event echoing the key", StreamStatement, "StreamErrorEvent",
            (gateway, key) => gateway.Enqueue(ScriptedResponse.Sse(
                ScriptedResponse.ContentChunk("partial"),
                ScriptedResponse.ErrorJson("authentication_error", $"key {key} was revoked", key, key)))),
        new("an error event of type error echoing the key", StreamStatement, "StreamErrorEvent",
            (gateway, key) => gateway.Enqueue(ScriptedResponse.Status(200).Header("Content-Type", "text/event-stream")
                .Write($"event: error\ndata: {{\"detail\":\"bad key {key}\"}}\n\n"))),
        new("a refusal event echoing the key, retried", StreamStatement + " -RetryIntervalSec 0", null,
            (gateway, key) =>
            {
                gateway.Enqueue(ScriptedResponse.Status(200).Header("Content-Type", "text/event-stream")
                    .Write(ScriptedResponse.SseEvent(ScriptedResponse.ErrorJson("rate_limit_error", $"slow down, {key}", key, key))));
                gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("after the refusal")));
            }),
        new("a refusal event echoing the key, not retried", StreamStatement + " -MaximumRetryCount 0", "ApiError",
            (gateway, key) => gateway.Enqueue(ScriptedResponse.Status(200).Header("Content-Type", "text/event-stream")
                .Write(ScriptedResponse.SseEvent(ScriptedResponse.ErrorJson("authentication_error", $"key {key} was revoked", key, key))))),
        new("a spend cap echoing the key", StreamStatement, "UsageLimitExceeded",
            (gateway, key) => gateway.Enqueue(ScriptedResponse.Json(429, ScriptedResponse.ErrorJson("rate_limit_error", $"key {key} is over its limit", "usage_limit_exceeded", key)))),
        new("a model the gateway does not list", "Get-EdgeeModel 'no-such-model' -ApiKey $key -BaseUrl $base @common", "ModelNotFound"),
        new("a malformed event echoing the key", StreamStatement, "MalformedStreamEvent",
            (gateway, key) => gateway.Enqueue(ScriptedResponse.Sse(
                ScriptedResponse.ContentChunk("a"),
                $"{{\"echo\":\"Authorization: Bearer {key}\" broken",
                ScriptedResponse.ContentChunk("b")))),
        new("a truncated stream", StreamStatement, "StreamTruncated",
            (gateway, _) => gateway.Enqueue(ScriptedResponse.Status(200).Header("Content-Type", "text/event-stream")
                .Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("cut short"))))),
        new("an idle timeout", StreamStatement + " -IdleTimeoutSec 1", "StreamIdleTimeout",
            (gateway, _) => gateway.Enqueue(ScriptedResponse.Status(200).Header("Content-Type", "text/event-stream")
                .Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("then silence"))).Stall())),
        new("a request timeout", StreamStatement + " -TimeoutSec 1 -MaximumRetryCount 0", "RequestTimeout",
            (gateway, _) => gateway.Enqueue(ScriptedResponse.Status(200).Delay(TimeSpan.FromSeconds(10)).Write("data: [DONE]\n\n"))),
        new("connection refused, retried", "Invoke-EdgeeStream gpt-5.2 'Hello' -ApiKey $key -BaseUrl $closedBase -MaximumRetryCount 1 -RetryIntervalSec 0 @common", "ConnectionFailed"),
        new("an invalid base URL", "try { Invoke-EdgeeStream gpt-5.2 'Hello' -ApiKey $key -BaseUrl 'not a url' @common } catch { $_ }", "InvalidBaseUrl"),
        new("plain http to another machine", "try { Invoke-EdgeeStream gpt-5.2 'Hello' -ApiKey $key -BaseUrl 'http://gateway.example' @common } catch { $_ }", "UnencryptedAuthenticationNotAllowed"),
        new("bad input", "Invoke-EdgeeStream gpt-5.2 @{ messages = @(@{ content = 'no role' }) } -ApiKey $key -BaseUrl $base @common", "MessageRoleMissing"),
        new("a whole completion answered 401 with the key", "Send-EdgeeCompletion gpt-5.2 'Hello' -ApiKey $key -BaseUrl $base @common", "ApiError",
            (gateway, key) => gateway.Enqueue(ScriptedResponse.Error(401, "authentication_error", $"Invalid API key provided: {key}"))),
        new("the key from Connect-Edgee, echoed by a 401",
            """
            Connect-Edgee -ApiKey $key -BaseUrl $base -PassThru @common
            Get-EdgeeConfiguration
            try { Invoke-EdgeeStream gpt-5.2 'Hello' @common } finally { Disconnect-Edgee }
            """, "ApiError",
            (gateway, key) => gateway.Enqueue(ScriptedResponse.Error(401, "authentication_error", $"Invalid API key provided: {key}"))),
        new("a model listing", "Get-EdgeeModel -ApiKey $key -BaseUrl $base @common", null),
        new("a successful stream shown on the host", StreamStatement + " | Show-EdgeeStream -PassThru", null,
            (gateway, _) => gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("all "), ScriptedResponse.ContentChunk("fine")))),
    ];

    [Theory]
    [InlineData("String")]
    [InlineData("SecureString")]
    public async Task TheKeyAppearsNowhereInAnyScenario(string keyForm)
    {
        using var refusing = new RefusingPort();
        var variables = new Dictionary<string, object?>
        {
            ["key"] = keyForm == "String" ? Key : Secure(Key),
            ["base"] = Gateway.BaseUrl.ToString(),
            ["closedBase"] = refusing.BaseUrl,
        };
        Session.Run("$Error.Clear(); $global:leakErrors = [System.Collections.ArrayList]::new()").EnsureSuccess();

        var problems = new List<string>();
        foreach (var scenario in Scenarios)
        {
            scenario.Arrange(Gateway, Key);
            var result = Session.Run("$common = @{ Verbose = $true; Debug = $true; ErrorVariable = '+leakErrors' }\n" + scenario.Statement, variables, Patience);
            problems.AddRange(Leaks(scenario.Name, result.AllText()));
            var produced = ErrorIdsOf(result);
            var expected = scenario.ExpectedErrorId is null ? [] : new[] { scenario.ExpectedErrorId };
            if (!expected.All(produced.Contains) || (expected.Length == 0 && produced.Count > 0))
            {
                problems.Add($"{scenario.Name}: expected error [{string.Join(", ", expected)}], got [{string.Join(", ", produced)}] — the scenario no longer tests what it says.");
            }
        }

        // What the session remembers afterwards: $Error and the -ErrorVariable every scenario appended to.
        var remembered = Session.Run("$Error | ForEach-Object { $_ }; $leakErrors | ForEach-Object { $_ }; $Error.Count; $leakErrors.Count", variables);
        problems.AddRange(Leaks("$Error and -ErrorVariable", remembered.AllText()));
        Assert.True(
            remembered.Output.Count > Scenarios.Count,
            $"$Error and -ErrorVariable should hold the scenarios' errors; the session returned {remembered.Output.Count} object(s).");

        Assert.True(problems.Count == 0, $"{keyForm} key, {problems.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    private static IEnumerable<string> Leaks(string scenario, string text) =>
        text.Split('\n')
            .Where(line => Fragments.Any(fragment => line.Contains(fragment, StringComparison.Ordinal)))
            .Select(line => $"{scenario}: the key shows in «{line.Trim()}»");

    /// <summary>The ErrorIds of every error record the run produced: written, terminating, or caught and output.</summary>
    private static HashSet<string> ErrorIdsOf(PowerShellResult result) =>
        result.Errors
            .Concat(result.TerminatingError is null ? [] : [result.TerminatingError])
            .Concat(result.Output.Select(item => item.BaseObject).OfType<ErrorRecord>())
            .Select(record => record.FullyQualifiedErrorId.Split(',')[0])
            .ToHashSet();

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var character in text)
        {
            secure.AppendChar(character);
        }
        secure.MakeReadOnly();
        return secure;
    }
}
