using System.Management.Automation;
using EdgeePS.Simulation;

namespace EdgeePS.Tests.Cmdlets;

/// <summary>Join-EdgeeStream as users call it: streamed answers, live or saved, joined into whole responses.</summary>
public sealed class JoinStreamTests : CmdletTestBase
{
    private const string Invoke = "EdgeePS.Cmdlets.InvokeEdgeeStreamCommand";
    private const string Join = "EdgeePS.Cmdlets.JoinEdgeeStreamCommand";

    public JoinStreamTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public void AParallelToolCallStreamJoinsIntoWholeCallsWithParsedArguments()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(
            Delta("""{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_service_status","arguments":""}}]}"""),
            Delta("""{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"get_service_status","arguments":"{\"host\":\"web02\","}}]}"""),
            Delta("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"host\":\"web01\","}}]}"""),
            Delta("""{"tool_calls":[{"index":1,"function":{"arguments":"\"unit\":\"nginx\",\"port\":443}"}}]}"""),
            Delta("""{"tool_calls":[{"index":0,"function":{"arguments":"\"unit\":\"nginx\",\"port\":80}"}}]}"""),
            Finish("tool_calls"),
            ScriptedResponse.UsageChunk(30, 12)));

        var result = Run("""
            $reply = Invoke-EdgeeStream gpt-5.2 'Is nginx up on web01 and web02?' | Join-EdgeeStream
            @($reply).Count
            $reply.FinishReason
            foreach ($call in $reply.ToolCalls) {
                '{0} {1} {2} {3} {4} {5}' -f $call.Id, $call.Function.Name, $call.ArgumentsObject.host, $call.ArgumentsObject.unit, $call.ArgumentsObject.port, $call.ArgumentsObject.port.GetType().Name
            }
            $reply.Usage.TotalTokens
            $reply.ToolCalls[0].ArgumentsObject.GetType().FullName
            """).EnsureSuccess();

        Assert.Equal(
            new[]
            {
                "1", "tool_calls",
                "call_a get_service_status web01 nginx 80 Int64",
                "call_b get_service_status web02 nginx 443 Int64",
                "42", "System.Management.Automation.PSCustomObject",
            },
            result.Output.Select(item => item.ToString()));
    }

    [Fact]
    public void ArgumentsThatAreNotJsonGiveNoArgumentsObjectAndNoError()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(
            Delta("""{"tool_calls":[{"index":0,"id":"call_x","type":"function","function":{"name":"f","arguments":"{\"unit\": nginx"}}]}"""),
            Finish("tool_calls")));

        var result = Run("""
            $call = (Invoke-EdgeeStream gpt-5.2 'x' | Join-EdgeeStream).ToolCalls[0]
            $call.Function.Arguments
            $null -eq $call.ArgumentsObject
            """).EnsureSuccess();

        Assert.Equal(new[] { "{\"unit\": nginx", "True" }, result.Output.Select(item => item.ToString()));
    }

    [Fact]
    public void ATwoChoiceStreamJoinsEachChoiceApart()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(
            """{"id":"c","choices":[{"index":0,"delta":{"role":"assistant","content":"Te"}},{"index":1,"delta":{"role":"assistant","content":"Ma"}}]}""",
            """{"id":"c","choices":[{"index":1,"delta":{"content":"uve"},"finish_reason":"stop"}]}""",
            """{"id":"c","choices":[{"index":0,"delta":{"content":"al"},"finish_reason":"length"}]}"""));

        var result = Run("""
            $reply = Invoke-EdgeeStream gpt-5.2 @{ messages = @(@{ role = 'user'; content = 'Name a colour' }); n = 2 } | Join-EdgeeStream
            $reply.Choices | ForEach-Object { '{0}:{1}:{2}:{3}' -f $_.Index, $_.Message.Role, $_.Message.Content, $_.FinishReason }
            $reply.Text
            """).EnsureSuccess();

        Assert.Equal(new[] { "0:assistant:Teal:length", "1:assistant:Mauve:stop", "Teal" }, result.Output.Select(item => item.ToString()));
    }

    [Theory]
    [InlineData("reasoning_content")]
    [InlineData("reasoning")]
    public void AReasoningStreamKeepsTheReasoningApartFromTheText(string field)
    {
        var body = new[]
        {
            Delta($$"""{"role":"assistant","{{field}}":"The pod "}"""),
            Delta($$"""{"{{field}}":"ran out of memory."}"""),
            Delta("""{"content":"Raise the limit."}"""),
            Finish("stop"),
            """{"id":"chatcmpl-1","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":20,"total_tokens":25,"completion_tokens_details":{"reasoning_tokens":14}}}""",
        };
        Gateway.Enqueue(ScriptedResponse.Sse(body));
        Gateway.Enqueue(ScriptedResponse.Sse(body));

        var texts = Run("Invoke-EdgeeStream gpt-5.2 'Why?' | ForEach-Object Text").EnsureSuccess();
        var joined = Run("""
            $chunks = Invoke-EdgeeStream gpt-5.2 'Why?'
            -join $chunks.Reasoning
            $reply = $chunks | Join-EdgeeStream
            $reply.Reasoning
            $reply.Message.Reasoning
            $reply.Text
            $reply.Usage.ReasoningTokens
            """).EnsureSuccess();

        Assert.Equal("Raise the limit.", Text(texts));
        Assert.Equal(
            new[] { "The pod ran out of memory.", "The pod ran out of memory.", "The pod ran out of memory.", "Raise the limit.", "14" },
            joined.Output.Select(item => item.ToString()));
    }

    [Fact]
    public void ATruncatedStreamJoinsWhatArrivedAndSaysItIsIncomplete()
    {
        Gateway.Enqueue(ScriptedResponse.Status(200)
            .Header("Content-Type", "text/event-stream")
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.RoleChunk()) + ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("Half an ans"))));

        var result = Run("""
            $reply = Invoke-EdgeeStream gpt-5.2 'Hello' | Join-EdgeeStream
            $reply.Text
            $reply.IsComplete
            [string]::IsNullOrEmpty($reply.FinishReason)
            """);

        Assert.Equal(new[] { "Half an ans", "False", "True" }, result.Output.Select(item => item.ToString()));
        Assert.Equal(new[] { "StreamTruncated," + Invoke }, ErrorIds(result));
    }

    [Fact]
    public void AnErrorEventEndsTheAnswerIncompleteAndTheErrorRecordPassesThrough()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(
            ScriptedResponse.ContentChunk("Before the "),
            ScriptedResponse.ErrorJson("server_error", "The upstream provider failed")));

        var result = Run("""
            $reply = Invoke-EdgeeStream gpt-5.2 'Hello' | Join-EdgeeStream
            $reply.Text
            $reply.IsComplete
            """);

        Assert.Equal(new[] { "Before the ", "False" }, result.Output.Select(item => item.ToString()));
        Assert.Equal(new[] { "StreamErrorEvent," + Invoke }, ErrorIds(result));
    }

    [Fact]
    public void ACompleteStreamSaysSoAndNamesItsProvider()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("Done."), ScriptedResponse.FinishChunk())
            .Header("X-Edgee-Provider", "anthropic").Header("X-Edgee-Fallback-Used", "1"));

        var result = Run("$r = Invoke-EdgeeStream gpt-5.2 'Hello' | Join-EdgeeStream; $r.IsComplete; $r.Provider; $r.FallbackUsed").EnsureSuccess();

        Assert.Equal(new[] { "True", "anthropic", "True" }, result.Output.Select(item => item.ToString()));
    }

    [Theory]
    [InlineData("chatcmpl-same", "chatcmpl-same")]
    [InlineData("", "")]
    [InlineData("chatcmpl-a", "chatcmpl-b")]
    public void SeveralAnswersInOnePipelineGiveOneResponseEachInOrder(string firstId, string secondId)
    {
        Gateway.Route(request =>
        {
            var prompt = request.Json!.Value.GetProperty("messages")[0].GetProperty("content").GetString()!;
            var id = prompt == "a" ? firstId : secondId;
            return ScriptedResponse.Sse(
                ScriptedResponse.ContentChunk("re:", id: id),
                ScriptedResponse.ContentChunk(prompt, id: id),
                ScriptedResponse.FinishChunk(id: id),
                ScriptedResponse.UsageChunk(1, prompt == "a" ? 2 : 3, id: id));
        });

        var result = Run("'a', 'b' | Invoke-EdgeeStream gpt-5.2 | Join-EdgeeStream | ForEach-Object { '{0}/{1}/{2}' -f $_.Text, $_.Usage.CompletionTokens, $_.IsComplete }").EnsureSuccess();

        Assert.Equal(new[] { "re:a/2/True", "re:b/3/True" }, result.Output.Select(item => item.ToString()));
    }

    [Fact]
    public void SavedChunksJoinLaterPipedOrGivenAsAnArgument()
    {
        Gateway.Route(request => ScriptedResponse.Sse(
            ScriptedResponse.ContentChunk(request.Body.Contains("one") ? "first" : "second", id: "same"),
            ScriptedResponse.FinishChunk(id: "same")));

        var result = Run("""
            $chunks = 'one', 'two' | Invoke-EdgeeStream gpt-5.2
            ($chunks | Join-EdgeeStream).Text -join ','
            (Join-EdgeeStream $chunks).Text -join ','
            (Join-EdgeeStream -InputObject $chunks[0]).Text
            """).EnsureSuccess();

        Assert.Equal(new[] { "first,second", "first,second", "first" }, result.Output.Select(item => item.ToString()));
    }

    [Fact]
    public void ShowEdgeeStreamPassThruShowsTheAnswerAndJoinKeepsItWhole()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("Shown "), ScriptedResponse.ContentChunk("and kept."), ScriptedResponse.FinishChunk()));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' | Show-EdgeeStream -PassThru | Join-EdgeeStream").EnsureSuccess();

        var reply = Assert.IsType<CompletionResponse>(Assert.Single(result.Output).BaseObject);
        Assert.Equal(("Shown and kept.", "stop"), (reply.Text, reply.FinishReason));
        Assert.Equal("Shown and kept.", string.Concat(result.Information.Select(record => record.MessageData.ToString())).Trim());
    }

    [Fact]
    public void AWholeResponsePassesThroughInItsPlace()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("streamed", id: "s")));
        Gateway.Enqueue(ScriptedResponse.Json(200, ScriptedResponse.CompletionJson("whole")));

        var result = Run("& { Invoke-EdgeeStream gpt-5.2 'a'; Send-EdgeeCompletion gpt-5.2 'b' } | Join-EdgeeStream | ForEach-Object Text").EnsureSuccess();

        Assert.Equal(new[] { "streamed", "whole" }, result.Output.Select(item => item.ToString()));
    }

    [Fact]
    public void AnythingButChunksIsAnInputTypeErrorAndTheRestStillJoins()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("kept")));

        var result = Run("& { 'not a chunk'; Invoke-EdgeeStream gpt-5.2 'a' } | Join-EdgeeStream | ForEach-Object Text");

        Assert.Equal("kept", Assert.Single(result.Output).ToString());
        Assert.Equal(new[] { "InputTypeNotSupported," + Join }, ErrorIds(result));
        Assert.Equal(ErrorCategory.InvalidType, result.Errors[0].CategoryInfo.Category);
        Assert.Contains("System.String", result.Errors[0].Exception.Message);
    }

    [Fact]
    public void VerboseTellsEachAnswerJoinedAndWhetherItWasComplete()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("x", id: "chatcmpl-v")));

        var result = Run("$null = Invoke-EdgeeStream gpt-5.2 'a' | Join-EdgeeStream -Verbose").EnsureSuccess();

        Assert.Contains("Joined answer chatcmpl-v (complete).", result.Verbose.Select(record => record.Message));
    }

    private static string Delta(string delta) =>
        $$"""{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-5.2","choices":[{"index":0,"delta":{{delta}},"finish_reason":null}]}""";

    private static string Finish(string reason) => ScriptedResponse.FinishChunk(reason);
}
