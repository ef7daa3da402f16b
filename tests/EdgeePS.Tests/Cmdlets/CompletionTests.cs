using EdgeePS.Simulation;

namespace EdgeePS.Tests.Cmdlets;

public sealed class CompletionTests : CmdletTestBase
{
    public CompletionTests(SessionFixture fixture) : base(fixture)
    {
    }

    private CompletionResponse Send(string json, params (string Name, string Value)[] headers)
    {
        var response = ScriptedResponse.Status(200).Header("Content-Type", "application/json");
        foreach (var (name, value) in headers)
        {
            response = response.Header(name, value);
        }

        Gateway.Enqueue(response.Write(json));
        var result = Run("Send-EdgeeCompletion gpt-5.2 'Hello'").EnsureSuccess();
        return (CompletionResponse)Assert.Single(result.Output).BaseObject;
    }

    [Fact]
    public void EachParameterSetStatesItsOneOutputTypeAndTheCallPicksTheSet()
    {
        Gateway.Enqueue(ScriptedResponse.Json(200, ScriptedResponse.CompletionJson("whole")));
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("streamed")));

        var result = Run("""
            $command = Get-Command Send-EdgeeCompletion
            $command.DefaultParameterSet
            $sets = @($command.ParameterSets.Name); [array]::Sort($sets); $sets -join ','
            $declared = @($command.ImplementingType.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $false) |
                ForEach-Object { ($_.ParameterSetName -join ',') + ' -> ' + ($_.Type.Name -join ',') })
            [array]::Sort($declared); $declared
            (Send-EdgeeCompletion gpt-5.2 'Hello').GetType().Name
            (Send-EdgeeCompletion gpt-5.2 'Hello' -Stream).GetType().Name
            """).EnsureSuccess();

        // Each set has its Context twin (model and prompt on the command line, objects piped in as context), with the same output.
        Assert.Equal(
            new[]
            {
                "Completion", "Completion,CompletionContext,Stream,StreamContext",
                "Completion,CompletionContext -> EdgeePS.CompletionResponse", "Stream,StreamContext -> EdgeePS.StreamChunk,EdgeePS.ToolInvocation",
                "CompletionResponse", "StreamChunk",
            },
            result.Output.Select(item => item.ToString()));
    }

    [Fact]
    public void ReturnsTheWholeCompletionWithShortcuts()
    {
        var completion = Send(
            """{"id":"chatcmpl-9","object":"chat.completion","created":1700000002,"model":"gpt-5.2","choices":[{"index":0,"message":{"role":"assistant","content":"Hi there"},"finish_reason":"stop"}]}""",
            ("X-Edgee-Provider", "anthropic"),
            ("X-Edgee-Fallback-Used", "1"));

        Assert.Equal(("chatcmpl-9", "chat.completion", 1700000002L, "gpt-5.2"), (completion.Id, completion.Object, completion.Created!.Value, completion.Model));
        Assert.Equal("Hi there", completion.Text);
        Assert.Equal("Hi there", completion.ToString());
        Assert.Equal("assistant", completion.Message!.Role);
        Assert.Equal("stop", completion.FinishReason);
        Assert.Equal(("anthropic", true), (completion.Provider, completion.FallbackUsed));
    }

    [Fact]
    public void ToolCallsAreTyped()
    {
        var completion = Send(
            """{"choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_status","arguments":"{\"unit\":\"nginx\"}"}}]},"finish_reason":"tool_calls"}]}""");

        var call = Assert.Single(completion.ToolCalls!);
        Assert.Equal(("call_1", "function", "get_status", "{\"unit\":\"nginx\"}"), (call.Id, call.Type, call.Function!.Name, call.Function.Arguments));
        Assert.Equal("", completion.Text);
        Assert.Equal("tool_calls", completion.FinishReason);
    }

    [Theory]
    [InlineData("""{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15,"input_tokens_details":{"cached_tokens":4,"cache_creation_tokens":2},"output_tokens_details":{"reasoning_tokens":3}}""")]
    [InlineData("""{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15,"prompt_tokens_details":{"cached_tokens":4,"cache_creation_tokens":2},"completion_tokens_details":{"reasoning_tokens":3}}""")]
    public void UsageIsReadUnderEitherSpellingOfTheDetails(string usage)
    {
        var completion = Send($$"""{"choices":[],"usage":{{usage}}}""");

        var read = completion.Usage!;
        Assert.Equal((10, 5, 15), (read.PromptTokens, read.CompletionTokens, read.TotalTokens));
        Assert.Equal((4, 2, 3), (read.CachedTokens!.Value, read.CacheCreationTokens!.Value, read.ReasoningTokens!.Value));
    }

    [Fact]
    public void CompressionIsReadInTheOlderShapeToo()
    {
        var completion = Send("""{"choices":[],"compression":{"input_tokens":1000,"saved_tokens":250,"rate":0.75}}""");

        Assert.Equal((1000L, 250L, 0.75), (completion.Compression!.InputTokens!.Value, completion.Compression.SavedTokens!.Value, completion.Compression.Rate!.Value));
    }

    [Fact]
    public void UnknownFieldsAreKeptAndDoNotFail()
    {
        var completion = Send("""{"choices":[],"edgee_tools_executed":[{"name":"search"}],"system_fingerprint":"fp_1"}""");

        Assert.Equal("fp_1", completion.AdditionalProperties!["system_fingerprint"].GetString());
        Assert.Equal(1, completion.AdditionalProperties["edgee_tools_executed"].GetArrayLength());
    }

    [Fact]
    public void VerboseTellsWhatHappenedWithoutTheKey()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("a"), ScriptedResponse.ContentChunk("b")).Header("X-Edgee-Provider", "mistral"));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' -Verbose | ForEach-Object Text").EnsureSuccess();

        var verbose = string.Join("\n", result.Verbose.Select(record => record.Message));
        Assert.Contains($"POST {Gateway.BaseUrl}v1/chat/completions", verbose);
        Assert.Contains("gpt-5.2", verbose);
        Assert.Contains("mistral", verbose);
        Assert.Contains("First chunk after", verbose);
        Assert.Contains("2 chunk(s)", verbose);
        Assert.DoesNotContain(ApiKey, verbose);
    }
}
