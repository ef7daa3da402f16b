using System.Text.RegularExpressions;
using EdgeePS.Simulation;
using EdgeePS.Tests.Cmdlets;

namespace EdgeePS.Tests.Hardening;

/// <summary>
/// What -Verbose tells about a stream (issue 3): method and URL, model, attempt, status, the provider header, time to
/// first chunk, number of chunks and duration — and never the key.
/// </summary>
public sealed partial class VerboseNarrationTests : HardeningTestBase
{
    public VerboseNarrationTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public void AStreamIsNarratedFromRequestToLastChunk()
    {
        Gateway.Enqueue(Stream("one ", "two ", "three"));

        var result = Run("Invoke-EdgeeStream claude-sonnet-4.5 'Hello' -Verbose | ForEach-Object Text");

        Assert.Equal("one two three", Text(result.EnsureSuccess()));
        var verbose = VerboseText(result);
        var url = Gateway.BaseUrl.ToString().TrimEnd('/') + "/v1/chat/completions";
        Assert.Contains("POST " + url, verbose);
        Assert.Contains("claude-sonnet-4.5", verbose);
        Assert.Contains("HTTP 200", verbose);
        Assert.Contains("openai", verbose);
        Assert.Matches(FirstChunkPattern(), verbose);
        Assert.Matches(CompletePattern(), verbose);
        Assert.Contains("3 chunk(s)", verbose);
        Assert.DoesNotContain(ApiKey, verbose);
    }

    [Fact]
    public void ARetryIsNarratedWithStatusWaitAndAttempt()
    {
        Gateway.Enqueue(Failure(503, "busy"));
        Gateway.Enqueue(Failure(502, "still busy"));
        Gateway.Enqueue(Stream("finally"));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' -MaximumRetryCount 2 -RetryIntervalSec 0 -Verbose | ForEach-Object Text");

        Assert.Equal("finally", Text(result.EnsureSuccess()));
        var retries = result.Verbose.Select(record => record.Message).Where(message => message.Contains("retrying")).ToList();
        Assert.Equal(2, retries.Count);
        Assert.Matches(@"Attempt 1 of 3\b.*HTTP 503.*retrying in \d+(\.\d+)? s", retries[0]);
        Assert.Matches(@"Attempt 2 of 3\b.*HTTP 502.*retrying in \d+(\.\d+)? s", retries[1]);
        Assert.DoesNotContain(ApiKey, VerboseText(result));
    }

    [Fact]
    public void NarrationKeepsItsOrderAroundTheChunks()
    {
        Gateway.Enqueue(Stream("a", "b"));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' -Verbose | ForEach-Object Text");

        var messages = result.EnsureSuccess().Verbose.Select(record => record.Message).ToList();
        var request = messages.FindIndex(message => message.StartsWith("POST ", StringComparison.Ordinal));
        var opened = messages.FindIndex(message => message.Contains("HTTP 200"));
        var first = messages.FindIndex(message => FirstChunkPattern().IsMatch(message));
        var complete = messages.FindIndex(message => CompletePattern().IsMatch(message));
        Assert.True(
            request >= 0 && request < opened && opened < first && first < complete,
            "Narration out of order:" + Environment.NewLine + string.Join(Environment.NewLine, messages));
    }

    [Theory]
    [InlineData("Invoke-EdgeeStream gpt-5.2 'Hello' -Verbose | ForEach-Object Text", true)]
    [InlineData("Send-EdgeeCompletion gpt-5.2 'Hello' -Stream -Verbose | ForEach-Object Text", true)]
    [InlineData("(Send-EdgeeCompletion gpt-5.2 'Hello' -Verbose).Text", false)]
    public void TheProviderAndAFallbackAreNarratedForStreamsAndWholeAnswers(string script, bool streamed)
    {
        var answer = streamed
            ? ScriptedResponse.Sse(ScriptedResponse.ContentChunk("served"))
            : ScriptedResponse.Json(200, ScriptedResponse.CompletionJson("served"));
        Gateway.Enqueue(answer.Header("X-Edgee-Provider", "anthropic").Header("X-Edgee-Fallback-Used", "1"));
        Gateway.Enqueue(streamed
            ? ScriptedResponse.Sse(ScriptedResponse.ContentChunk("again")).Header("X-Edgee-Provider", "openai")
            : ScriptedResponse.Json(200, ScriptedResponse.CompletionJson("again")).Header("X-Edgee-Provider", "openai"));

        var fallback = Run(script);
        var direct = Run(script);

        Assert.Equal("served", Text(fallback.EnsureSuccess()));
        Assert.Contains("served by anthropic (fallback)", VerboseText(fallback));
        Assert.Equal("again", Text(direct.EnsureSuccess()));
        Assert.Contains("served by openai", VerboseText(direct));
        Assert.DoesNotContain("(fallback)", VerboseText(direct));
    }

    [GeneratedRegex(@"[Ff]irst chunk after \d+ ms")]
    private static partial Regex FirstChunkPattern();

    [GeneratedRegex(@"\d+ chunk\(s\) in \d+ ms")]
    private static partial Regex CompletePattern();
}
