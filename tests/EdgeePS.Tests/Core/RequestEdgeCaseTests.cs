using System.Collections;
using System.Text.Json;
using EdgeePS.Requests;
using EdgeePS.Settings;

namespace EdgeePS.Tests.Core;

public sealed class RequestEdgeCaseTests
{
    private static readonly Func<object, object?> Identity = value => value;

    [Fact]
    public void Any_object_with_a_messages_property_is_a_request()
    {
        var input = new { Messages = new[] { new { role = "user", content = "from a record" } }, max_tokens = 5 };

        using var body = JsonDocument.Parse(ChatRequestBuilder.Build("gpt-5.2", input, stream: false, Identity).Body);

        Assert.Equal("from a record", body.RootElement.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal(5, body.RootElement.GetProperty("max_tokens").GetInt32());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_tool_message_with_a_blank_tool_call_id_is_refused(string toolCallId)
    {
        var input = new Hashtable { ["messages"] = new object[] { new Hashtable { ["role"] = "tool", ["content"] = "18", ["tool_call_id"] = toolCallId } } };

        var error = Assert.Throws<EdgeeException>(() => ChatRequestBuilder.Build("gpt-5.2", input, stream: false, Identity));

        Assert.Equal(EdgeeErrorIds.ToolCallIdMissing, error.ErrorId);
    }

    [Theory]
    [InlineData("ftp://user:hunter2@gateway.example")]
    [InlineData("https://user:hunter2@gateway.example/v1")]
    [InlineData("https://user:hunter2@gateway.example/?q=1")]
    public void An_invalid_base_url_never_shows_its_password(string baseUrl)
    {
        var error = Assert.Throws<EdgeeException>(() => EdgeeEndpoint.Parse(baseUrl));

        Assert.Equal(EdgeeErrorIds.InvalidBaseUrl, error.ErrorId);
        Assert.DoesNotContain("hunter2", error.Message);
    }
}
