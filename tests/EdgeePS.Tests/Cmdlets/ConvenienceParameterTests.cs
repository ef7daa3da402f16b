using EdgeePS.Simulation;

namespace EdgeePS.Tests.Cmdlets;

public sealed class ConvenienceParameterTests : CmdletTestBase
{
    private const string Invoke = "EdgeePS.Cmdlets.InvokeEdgeeStreamCommand";

    public ConvenienceParameterTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public void ParametersFillTheRequestSoSimpleCallsNeedNoHashtable()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("ok")));

        Run("Invoke-EdgeeStream gpt-5.2 'Check disk' -SystemPrompt 'Be terse' -Tag ops, disk -MaxTokens 64 -Temperature 0.3 -CompressionModel agentic")
            .EnsureSuccess();

        var body = Assert.Single(Gateway.Requests).Json!.Value;
        var messages = body.GetProperty("messages");
        Assert.Equal(("system", "Be terse"), (messages[0].GetProperty("role").GetString(), messages[0].GetProperty("content").GetString()));
        Assert.Equal(("user", "Check disk"), (messages[1].GetProperty("role").GetString(), messages[1].GetProperty("content").GetString()));
        Assert.Equal(new[] { "ops", "disk" }, body.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        Assert.Equal(64, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(0.3, body.GetProperty("temperature").GetDouble());
        Assert.Equal("agentic", body.GetProperty("compression_model").GetString());
    }

    [Theory]
    [InlineData("-MaxTokens 10", "max_tokens = 20")]
    [InlineData("-Temperature 1", "Temperature = 0.5")]
    [InlineData("-Tag a", "tags = 'b'")]
    [InlineData("-CompressionModel claude", "compression_model = 'agentic'")]
    [InlineData("-SystemPrompt 'x'", "messages = @(@{ role = 'system'; content = 'y' }, @{ role = 'user'; content = 'z' })")]
    public void AParameterAndTheSameKeyInTheInputIsAnError(string parameter, string inputField)
    {
        var messages = inputField.StartsWith("messages") ? "" : "messages = @(@{ role = 'user'; content = 'hi' }); ";
        var result = Run($"Invoke-EdgeeStream gpt-5.2 @{{ {messages}{inputField} }} {parameter}");

        var error = Assert.Single(result.Errors);
        Assert.Equal("ParameterConflictsWithInput," + Invoke, error.FullyQualifiedErrorId);
        Assert.Empty(Gateway.Requests);
    }

    [Fact]
    public void OutOfRangeParametersAreRejectedByTheBinder()
    {
        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' -Temperature 3");

        Assert.StartsWith("ParameterArgumentValidationError", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Empty(Gateway.Requests);
    }
}
