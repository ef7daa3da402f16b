using EdgeePS.Simulation;

namespace EdgeePS.Tests.Cmdlets;

/// <summary>Streams carry their token usage without being asked, and -IncludeUsage:$false opts out.</summary>
public sealed class StreamUsageTests : CmdletTestBase
{
    public StreamUsageTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Theory]
    [InlineData("Invoke-EdgeeStream gpt-5.2 'one two three'")]
    [InlineData("Send-EdgeeCompletion gpt-5.2 'one two three' -Stream")]
    public void AStreamAsksForUsageByDefaultAndItsTextStaysClean(string command)
    {
        // The simulator's own gateway sends the usage chunk only when the request asks for it.
        var result = Run($"""
            $chunks = {command}
            -join ($chunks | ForEach-Object Text)
            $chunks[-1].Text.Length
            ($chunks | Join-EdgeeStream).Usage.CompletionTokens
            """).EnsureSuccess();

        var body = Gateway.Requests[0].Json!.Value;
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal(
            new[] { "You said: one two three", "0", "5" },
            result.Output.Select(item => item.ToString()));
    }

    [Fact]
    public void IncludeUsageFalseSendsNoStreamOptionsAndTheAnswerHasNoUsage()
    {
        var result = Run("""
            $reply = Invoke-EdgeeStream gpt-5.2 'Hello' -IncludeUsage:$false | Join-EdgeeStream
            $null -eq $reply.Usage
            """).EnsureSuccess();

        Assert.False(Gateway.Requests[0].Json!.Value.TryGetProperty("stream_options", out _));
        Assert.Equal("True", Assert.Single(result.Output).ToString());
    }

    [Fact]
    public void TheInputsOwnStreamOptionsWinOverTheDefault()
    {
        Run("$null = Invoke-EdgeeStream gpt-5.2 @{ messages = @(@{ role = 'user'; content = 'Hi' }); stream_options = @{ include_usage = $false } }").EnsureSuccess();

        Assert.Equal("""{"include_usage":false}""", Gateway.Requests[0].Json!.Value.GetProperty("stream_options").GetRawText());
    }

    [Fact]
    public void IncludeUsageWithTheInputsStreamOptionsIsRefusedBeforeAnyRequest()
    {
        var result = Run("Invoke-EdgeeStream gpt-5.2 @{ messages = @(@{ role = 'user'; content = 'Hi' }); stream_options = @{ include_usage = $true } } -IncludeUsage");

        Assert.Equal(new[] { "ParameterConflictsWithInput,EdgeePS.Cmdlets.InvokeEdgeeStreamCommand" }, ErrorIds(result));
        Assert.Empty(Gateway.Requests);
    }

    [Fact]
    public void AWholeAnswerIsAskedForWithoutStreamOptions()
    {
        Run("$null = Send-EdgeeCompletion gpt-5.2 'Hello' -IncludeUsage").EnsureSuccess();

        Assert.False(Gateway.Requests[0].Json!.Value.TryGetProperty("stream_options", out _));
    }
}
