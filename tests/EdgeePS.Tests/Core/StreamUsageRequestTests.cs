using System.Collections;
using System.Text.Json;
using EdgeePS.Requests;

namespace EdgeePS.Tests.Core;

/// <summary>
/// Streams ask for their usage chunk by default: <c>stream_options.include_usage</c> is added unless the input sets
/// <c>stream_options</c> itself or the caller opts out; whole requests never get it (the gateway refuses it there).
/// </summary>
public sealed class StreamUsageRequestTests
{
    private static readonly Func<object, object?> Identity = value => value;

    [Fact]
    public void A_stream_asks_for_usage_by_default_with_or_without_additions()
    {
        foreach (var additions in new[] { null, new RequestAdditions(), new RequestAdditions { IncludeUsage = true } })
        {
            var body = Parse(ChatRequestBuilder.Build("m", "Hi", stream: true, Identity, additions));

            Assert.Equal("""{"include_usage":true}""", body.GetProperty("stream_options").GetRawText());
        }
    }

    [Fact]
    public void A_whole_request_never_gets_stream_options()
    {
        var body = Parse(ChatRequestBuilder.Build("m", "Hi", stream: false, Identity, new RequestAdditions { IncludeUsage = true }));

        Assert.False(body.TryGetProperty("stream_options", out _));
    }

    [Fact]
    public void Opting_out_sends_no_stream_options()
    {
        var body = Parse(ChatRequestBuilder.Build("m", "Hi", stream: true, Identity, new RequestAdditions { IncludeUsage = false }));

        Assert.Equal(new[] { "model", "messages", "stream" }, body.EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public void The_inputs_own_stream_options_are_sent_as_given()
    {
        var input = new Hashtable
        {
            ["messages"] = new object[] { new Hashtable { ["role"] = "user", ["content"] = "Hi" } },
            ["stream_options"] = new Hashtable { ["include_usage"] = false },
        };

        var body = Parse(ChatRequestBuilder.Build("m", input, stream: true, Identity, new RequestAdditions()));

        Assert.Equal("""{"include_usage":false}""", body.GetProperty("stream_options").GetRawText());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_parameter_and_the_inputs_stream_options_together_are_a_conflict(bool includeUsage)
    {
        var input = new Hashtable
        {
            ["messages"] = new object[] { new Hashtable { ["role"] = "user", ["content"] = "Hi" } },
            ["stream_options"] = new Hashtable { ["include_usage"] = true },
        };

        var error = Assert.Throws<EdgeeException>(() => ChatRequestBuilder.Build("m", input, stream: true, Identity, new RequestAdditions { IncludeUsage = includeUsage }));

        Assert.Equal(EdgeeErrorIds.ParameterConflictsWithInput, error.ErrorId);
        Assert.Contains("-IncludeUsage", error.Message);
    }

    private static JsonElement Parse(ChatRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        return document.RootElement.Clone();
    }
}
