using EdgeePS.Settings;
using Xunit;

namespace EdgeePS.Tests.Core;

/// <summary><see cref="EdgeeEndpoint.Parse"/>: every spelling of a base URL leads to one set of endpoint URLs.</summary>
public sealed class EdgeeEndpointTests
{
    [Theory]
    [InlineData("https://api.edgee.ai", "https://api.edgee.ai/v1/chat/completions")]
    [InlineData("https://api.edgee.ai/", "https://api.edgee.ai/v1/chat/completions")]
    [InlineData("https://api.edgee.ai/v1", "https://api.edgee.ai/v1/chat/completions")]
    [InlineData("https://api.edgee.ai/v1/", "https://api.edgee.ai/v1/chat/completions")]
    [InlineData("https://api.edgee.ai/V1", "https://api.edgee.ai/v1/chat/completions")]
    [InlineData("https://api.edgee.ai//", "https://api.edgee.ai/v1/chat/completions")]
    [InlineData("  https://api.edgee.ai/v1  ", "https://api.edgee.ai/v1/chat/completions")]
    [InlineData("https://edgee.io", "https://edgee.io/v1/chat/completions")]
    [InlineData("https://proxy.example/edgee", "https://proxy.example/edgee/v1/chat/completions")]
    [InlineData("https://proxy.example/edgee/", "https://proxy.example/edgee/v1/chat/completions")]
    [InlineData("https://proxy.example/edgee/v1", "https://proxy.example/edgee/v1/chat/completions")]
    [InlineData("https://proxy.example/edgee/v1/", "https://proxy.example/edgee/v1/chat/completions")]
    [InlineData("https://proxy.example/a/b/c/v1", "https://proxy.example/a/b/c/v1/chat/completions")]
    [InlineData("https://proxy.example/dev1", "https://proxy.example/dev1/v1/chat/completions")]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/v1/chat/completions")]
    [InlineData("http://localhost:8080/v1/", "http://localhost:8080/v1/chat/completions")]
    [InlineData("https://api.edgee.ai:8443/v1", "https://api.edgee.ai:8443/v1/chat/completions")]
    public void Base_urls_lead_to_the_chat_completions_url(string baseUrl, string expected)
    {
        var endpoint = EdgeeEndpoint.Parse(baseUrl);

        Assert.Equal(expected, endpoint.ChatCompletions.AbsoluteUri);
        Assert.Equal(expected.Replace("/chat/completions", "/models", StringComparison.Ordinal), endpoint.Models.AbsoluteUri);
        Assert.DoesNotContain("//v1", endpoint.ChatCompletions.AbsoluteUri, StringComparison.Ordinal);
        Assert.DoesNotContain("/v1/v1", endpoint.ChatCompletions.AbsoluteUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.edgee.ai/v1", "https://api.edgee.ai")]
    [InlineData("https://proxy.example/edgee/v1/", "https://proxy.example/edgee")]
    public void The_base_is_shown_without_v1_or_a_trailing_slash(string baseUrl, string expected)
    {
        Assert.Equal(expected, EdgeeEndpoint.Parse(baseUrl).ToString());
    }

    [Theory]
    [InlineData("https://api.edgee.ai", true, false)]
    [InlineData("http://api.example.com", false, false)]
    [InlineData("http://127.0.0.1:5000", false, true)]
    [InlineData("http://localhost", false, true)]
    [InlineData("http://[::1]:5000", false, true)]
    public void Encryption_and_loopback_are_recognised(string baseUrl, bool encrypted, bool loopback)
    {
        var endpoint = EdgeeEndpoint.Parse(baseUrl);

        Assert.Equal(encrypted, endpoint.IsEncrypted);
        Assert.Equal(loopback, endpoint.IsLoopback);
    }

    [Theory]
    [InlineData("ftp://x")]
    [InlineData("ftp://api.edgee.ai/v1")]
    [InlineData("not a url")]
    [InlineData("api.edgee.ai")]
    [InlineData("/v1/chat/completions")]
    [InlineData("relative/path")]
    [InlineData("file:///etc/passwd")]
    [InlineData("mailto:ops@example.com")]
    [InlineData("https://api.edgee.ai?region=eu")]
    [InlineData("https://api.edgee.ai/v1?x=1")]
    [InlineData("https://api.edgee.ai/#top")]
    [InlineData("https://user:secret@api.edgee.ai")]
    [InlineData("https://user@api.edgee.ai/v1")]
    [InlineData("")]
    [InlineData("   ")]
    public void Invalid_base_urls_are_refused(string baseUrl)
    {
        var error = Record.Exception(() => EdgeeEndpoint.Parse(baseUrl));

        var edgee = Assert.IsType<EdgeeException>(error);
        Assert.Equal(EdgeeErrorIds.InvalidBaseUrl, edgee.ErrorId);
    }
}
