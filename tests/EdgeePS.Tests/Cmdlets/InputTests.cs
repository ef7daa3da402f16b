using System.Management.Automation;
using System.Text.Json;
using EdgeePS.Simulation;

namespace EdgeePS.Tests.Cmdlets;

public sealed class InputTests : CmdletTestBase
{
    private const string Invoke = "EdgeePS.Cmdlets.InvokeEdgeeStreamCommand";

    public InputTests(SessionFixture fixture) : base(fixture)
    {
    }

    private JsonElement SentBody(string script)
    {
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("ok")));
        Run(script).EnsureSuccess();
        return Assert.Single(Gateway.Requests).Json!.Value;
    }

    [Fact]
    public void HashtableWithMessagesAndOptions()
    {
        var body = SentBody("""
            Invoke-EdgeeStream gpt-5.2 @{
                Messages = @(
                    @{ role = 'system'; content = 'terse' }
                    @{ Role = 'user'; Content = 'hi' }
                )
                MaxTokens = 50
                temperature = 0.5
                tags = 'runbook'
                compression_configuration = @{ Rate = 0.7; semantic_preservation_threshold = 80 }
                stream_options = @{ IncludeUsage = $true }
                n = 2
            }
            """);

        Assert.Equal(2, body.GetProperty("messages").GetArrayLength());
        Assert.Equal("user", body.GetProperty("messages")[1].GetProperty("role").GetString());
        Assert.Equal("hi", body.GetProperty("messages")[1].GetProperty("content").GetString());
        Assert.Equal(50, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(0.5, body.GetProperty("temperature").GetDouble());
        Assert.Equal(new[] { "runbook" }, body.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        Assert.Equal(0.7, body.GetProperty("compression_configuration").GetProperty("rate").GetDouble());
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal(2, body.GetProperty("n").GetInt32());
    }

    [Fact]
    public void OrderedDictionaryKeepsTheUsersKeyOrder()
    {
        var body = SentBody("""
            Invoke-EdgeeStream gpt-5.2 ([ordered]@{ zeta = 1; messages = @(@{ role = 'user'; content = 'hi' }); alpha = 2; middle = 3 })
            """);

        Assert.Equal(new[] { "model", "zeta", "messages", "alpha", "middle", "stream", "stream_options" }, body.EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public void PSCustomObjectFromThePipeline()
    {
        var body = SentBody("""
            [pscustomobject]@{ messages = @([pscustomobject]@{ role = 'user'; content = 'from an object' }); top_p = 0.9 } |
                Invoke-EdgeeStream gpt-5.2
            """);

        Assert.Equal("from an object", body.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal(0.9, body.GetProperty("top_p").GetDouble());
    }

    [Fact]
    public void WrappedValuesAreUnwrappedBeforeSerialising()
    {
        // Values that passed through the pipeline or a variable arrive PSObject-wrapped.
        var body = SentBody("""
            $content = 'wrapped' | ForEach-Object { $_ }
            $schema = [pscustomobject]@{ type = 'object'; properties = @{ unit = @{ type = 'string' } } }
            $tool = @{ function = @{ name = 'get_status'; parameters = $schema } }
            Invoke-EdgeeStream gpt-5.2 @{ messages = @(@{ role = 'user'; content = $content }); tools = @($tool); tool_choice = 'auto' }
            """);

        Assert.Equal("wrapped", body.GetProperty("messages")[0].GetProperty("content").GetString());
        var tool = body.GetProperty("tools")[0];
        Assert.Equal("function", tool.GetProperty("type").GetString());
        Assert.Equal("string", tool.GetProperty("function").GetProperty("parameters").GetProperty("properties").GetProperty("unit").GetProperty("type").GetString());
        Assert.Equal("auto", body.GetProperty("tool_choice").GetString());
    }

    [Fact]
    public void TypedInputObject()
    {
        var body = SentBody("""
            $typed = [EdgeePS.ChatInput]@{
                Messages = @([EdgeePS.ChatMessage]::new('user', 'typed'), [EdgeePS.ChatMessage]@{ Role = 'tool'; Content = '42'; ToolCallId = 'call_1' })
                Tools = @([EdgeePS.ToolDefinition]::new('get_answer', 'The answer'))
                MaxTokens = 10
                CompressionModel = 'agentic'
            }
            $typed.AdditionalProperties['seed'] = 7
            Invoke-EdgeeStream gpt-5.2 $typed
            """);

        Assert.Equal("typed", body.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal("call_1", body.GetProperty("messages")[1].GetProperty("tool_call_id").GetString());
        Assert.Equal("get_answer", body.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(10, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal("agentic", body.GetProperty("compression_model").GetString());
        Assert.Equal(7, body.GetProperty("seed").GetInt32());
    }

    [Theory]
    [InlineData("Invoke-EdgeeStream gpt-5.2 @{ temperature = 1 }", "MessagesMissing", ErrorCategory.InvalidArgument)]
    [InlineData("Invoke-EdgeeStream gpt-5.2 @{ messages = @() }", "MessagesMissing", ErrorCategory.InvalidArgument)]
    [InlineData("Invoke-EdgeeStream gpt-5.2 @{ messages = @(@{ content = 'no role' }) }", "MessageRoleMissing", ErrorCategory.InvalidArgument)]
    [InlineData("Invoke-EdgeeStream gpt-5.2 @{ messages = @('just text') }", "InvalidMessage", ErrorCategory.InvalidArgument)]
    [InlineData("Invoke-EdgeeStream gpt-5.2 @{ messages = @(@{ role = 'tool'; content = 'x' }) }", "ToolCallIdMissing", ErrorCategory.InvalidArgument)]
    [InlineData("Invoke-EdgeeStream gpt-5.2 @{ messages = @(@{ role = 'user'; content = 'x' }); compression_configuration = @{ rate = 1.5 } }", "ValueOutOfRange", ErrorCategory.InvalidArgument)]
    [InlineData("Invoke-EdgeeStream gpt-5.2 @{ messages = @(@{ role = 'user'; content = 'x' }); compression_rate = -0.1 }", "ValueOutOfRange", ErrorCategory.InvalidArgument)]
    [InlineData("Invoke-EdgeeStream gpt-5.2 @{ messages = @(@{ role = 'user'; content = 'x' }); temperature = 'warm' }", "InvalidInputValue", ErrorCategory.InvalidArgument)]
    [InlineData("Invoke-EdgeeStream gpt-5.2 @{ messages = @(@{ role = 'user'; content = 'x' }); tools = @(@{ function = @{ name = 'has space' } }) }", "InvalidTool", ErrorCategory.InvalidArgument)]
    [InlineData("Invoke-EdgeeStream gpt-5.2 @{ messages = @(@{ role = 'user'; content = 'x' }); model = 'other' }", "ReservedInputKey", ErrorCategory.InvalidArgument)]
    [InlineData("Invoke-EdgeeStream gpt-5.2 '   '", "EmptyPrompt", ErrorCategory.InvalidArgument)]
    [InlineData("Invoke-EdgeeStream gpt-5.2 42", "InputTypeNotSupported", ErrorCategory.InvalidType)]
    [InlineData("Invoke-EdgeeStream gpt-5.2 ([System.IO.DirectoryInfo]::new('/'))", "InputTypeNotSupported", ErrorCategory.InvalidType)]
    public void BadInputIsRejectedBeforeAnyRequest(string script, string errorId, ErrorCategory category)
    {
        var result = Run(script);

        var error = Assert.Single(result.Errors);
        Assert.Equal(errorId + "," + Invoke, error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.NotNull(error.TargetObject);
        Assert.Empty(Gateway.Requests);
    }

    [Fact]
    public void EmptyModelIsRejectedBeforeAnyRequest()
    {
        var result = Run("Invoke-EdgeeStream '' 'Hello'");

        var error = Assert.Single(result.Errors);
        Assert.Equal("ParameterArgumentValidationErrorEmptyStringNotAllowed,EdgeePS.Cmdlets.InvokeEdgeeStreamCommand", error.FullyQualifiedErrorId);
        Assert.Empty(Gateway.Requests);
    }

    [Fact]
    public void OneBadInputDoesNotStopTheBatch()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("fine")));

        var result = Run("@{ messages = @() }, 'good' | Invoke-EdgeeStream gpt-5.2 | ForEach-Object Text");

        Assert.Equal("fine", Text(result));
        Assert.Equal(new[] { "MessagesMissing," + Invoke }, ErrorIds(result));
        Assert.Single(Gateway.Requests);
    }
}
