using System.Text.Json;
using EdgeePS.Simulation;

namespace EdgeePS.Tests.Cmdlets;

public sealed class StreamingTests : CmdletTestBase
{
    public StreamingTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public void StreamsChunkTextsInOrder()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(
            ScriptedResponse.RoleChunk(),
            ScriptedResponse.ContentChunk("Hel"),
            ScriptedResponse.ContentChunk("lo!"),
            ScriptedResponse.FinishChunk()));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello' | ForEach-Object Text").EnsureSuccess();

        Assert.Equal(new[] { "", "Hel", "lo!", "" }, result.Output.Select(item => item.ToString()));
    }

    [Fact]
    public void SendsTheRequestTheGatewayExpects()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("ok")));

        Run("Invoke-EdgeeStream gpt-5.2 'Grüße 😀' | ForEach-Object Text").EnsureSuccess();

        var request = Assert.Single(Gateway.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer " + ApiKey, request.Headers["Authorization"]);
        Assert.Contains("text/event-stream", request.Headers["Accept"]);
        Assert.Equal("application/json; charset=utf-8", request.Headers["Content-Type"]);
        Assert.Matches(@"^EdgeePS/\S+ PowerShell/7\.", request.Headers["User-Agent"]);
        var body = request.Json!.Value;
        Assert.Equal("gpt-5.2", body.GetProperty("model").GetString());
        Assert.True(body.GetProperty("stream").GetBoolean());
        var message = Assert.Single(body.GetProperty("messages").EnumerateArray());
        Assert.Equal("user", message.GetProperty("role").GetString());
        Assert.Equal("Grüße 😀", message.GetProperty("content").GetString());
    }

    [Fact]
    public void EachPipedInputIsItsOwnRequest()
    {
        Gateway.Route(request => ScriptedResponse.Sse(ScriptedResponse.ContentChunk(
            "re:" + request.Json!.Value.GetProperty("messages")[0].GetProperty("content").GetString())));

        var result = Run("'one', 'two' | Invoke-EdgeeStream gpt-5.2 | ForEach-Object Text").EnsureSuccess();

        Assert.Equal(new[] { "re:one", "re:two" }, result.Output.Select(item => item.ToString()));
        Assert.Equal(2, Gateway.Requests.Count);
    }

    [Fact]
    public async Task WritesEachChunkAsItArrives()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Gateway.Enqueue(ScriptedResponse.Status(200)
            .Header("Content-Type", "text/event-stream")
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("first")))
            .WaitFor(release.Task)
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("second")))
            .Write("data: [DONE]\n\n"));

        // The ForEach-Object block itself records what it saw while the server was still holding the rest back.
        var pipeline = Start("Invoke-EdgeeStream gpt-5.2 'Hello' | ForEach-Object { $_.Text }");
        try
        {
            await pipeline.WaitForOutputAsync(1, TimeSpan.FromSeconds(10));
            Assert.Equal("first", pipeline.Output[0].ToString());
            Assert.False(Gateway.Requests[0].ResponseFinished.IsCompleted);
        }
        finally
        {
            release.TrySetResult();
        }

        var result = (await pipeline.Completion).EnsureSuccess();
        Assert.Equal(new[] { "first", "second" }, result.Output.Select(item => item.ToString()));
    }

    [Fact]
    public void WritesEveryKindOfEventWithoutBreakingForEachObjectText()
    {
        var events = new[]
        {
            "{}",
            ScriptedResponse.RoleChunk(),
            ScriptedResponse.ContentChunk("answer"),
            ScriptedResponse.FinishChunk(),
            ScriptedResponse.UsageChunk(12, 3),
        };
        Gateway.Enqueue(ScriptedResponse.Sse(events));
        Gateway.Enqueue(ScriptedResponse.Sse(events));

        var chunks = Run("Invoke-EdgeeStream gpt-5.2 'Hello'").EnsureSuccess();
        var texts = Run("Invoke-EdgeeStream gpt-5.2 'Hello' | ForEach-Object Text");

        Assert.Equal(5, chunks.Output.Count);
        Assert.All(chunks.Output, item => Assert.IsType<StreamChunk>(item.BaseObject));
        var usage = ((StreamChunk)chunks.Output[4].BaseObject).Usage!;
        Assert.Equal(15, usage.TotalTokens);
        Assert.Equal("assistant", ((StreamChunk)chunks.Output[1].BaseObject).Role);
        Assert.Equal("stop", ((StreamChunk)chunks.Output[3].BaseObject).FinishReason);
        Assert.Empty(texts.Errors);
        Assert.Equal(new[] { "", "", "answer", "", "" }, texts.Output.Select(item => item.ToString()));
    }

    [Fact]
    public void StreamedToolCallFragmentsKeepTheirIndex()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(
            """{"choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_status","arguments":""}}]}}]}""",
            """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"get_load","arguments":"{}"}}]}}]}""",
            """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"unit\":"}}]}}]}""",
            """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"nginx\"}"}}]}}]}""",
            """{"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"""));

        var result = Run("""
            $chunks = Invoke-EdgeeStream gpt-5.2 'Is nginx up?'
            $calls = $chunks | ForEach-Object { $_.Choices[0].Delta.ToolCalls } | Where-Object { $_ }
            -join ($calls | Where-Object Index -eq 0 | ForEach-Object { $_.Function.Arguments })
            ($calls | Where-Object Index -eq 1).Id
            $chunks[-1].FinishReason
            """).EnsureSuccess();

        Assert.Equal(new[] { "{\"unit\":\"nginx\"}", "call_b", "tool_calls" }, result.Output.Select(item => item.ToString()));
    }

    [Fact]
    public void SendWithStreamBehavesExactlyLikeInvokeEdgeeStream()
    {
        var body = new[] { ScriptedResponse.RoleChunk(), ScriptedResponse.ContentChunk("same"), "{not json", ScriptedResponse.FinishChunk() };
        Gateway.Enqueue(ScriptedResponse.Sse(body));
        Gateway.Enqueue(ScriptedResponse.Sse(body));

        var invoked = Run("Invoke-EdgeeStream gpt-5.2 'Hello' | ForEach-Object { $_.GetType().Name + ':' + $_.Text }");
        var sent = Run("Send-EdgeeCompletion gpt-5.2 'Hello' -Stream | ForEach-Object { $_.GetType().Name + ':' + $_.Text }");

        Assert.Equal(invoked.Output.Select(item => item.ToString()), sent.Output.Select(item => item.ToString()));
        Assert.Equal(new[] { "MalformedStreamEvent,EdgeePS.Cmdlets.InvokeEdgeeStreamCommand" }, ErrorIds(invoked));
        Assert.Equal(new[] { "MalformedStreamEvent,EdgeePS.Cmdlets.SendEdgeeCompletionCommand" }, ErrorIds(sent));
        Assert.True(Gateway.Requests[1].Json!.Value.GetProperty("stream").GetBoolean());
    }

    [Fact]
    public void SendWithoutStreamDoesNotAskForOne()
    {
        Gateway.Enqueue(ScriptedResponse.Json(200, ScriptedResponse.CompletionJson("whole")));

        Run("Send-EdgeeCompletion gpt-5.2 'Hello'").EnsureSuccess();

        Assert.False(Gateway.Requests[0].Json!.Value.TryGetProperty("stream", out _));
        Assert.Contains("application/json", Gateway.Requests[0].Headers["Accept"]);
    }

    [Fact]
    public void ChunksSurviveAsObjectsWithTypedProperties()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(
            """{"id":"c1","object":"chat.completion.chunk","created":1700000001,"model":"gpt-5.2","choices":[{"index":0,"delta":{"content":"x"},"finish_reason":null}],"compression":{"saved_tokens":40,"cost_savings":120,"reduction":12.5,"time_ms":7},"edgee_pending_id":"p-1"}"""));

        var result = Run("Invoke-EdgeeStream gpt-5.2 'Hello'").EnsureSuccess();

        var chunk = (StreamChunk)Assert.Single(result.Output).BaseObject;
        Assert.Equal(("c1", "chat.completion.chunk", 1700000001L, "gpt-5.2"), (chunk.Id, chunk.Object, chunk.Created!.Value, chunk.Model));
        Assert.Equal((40L, 120L, 12.5, 7L), (chunk.Compression!.SavedTokens!.Value, chunk.Compression.CostSavings!.Value, chunk.Compression.Reduction!.Value, chunk.Compression.TimeMs!.Value));
        Assert.Equal("p-1", chunk.AdditionalProperties!["edgee_pending_id"].GetString());
        Assert.Equal("x", chunk.ToString());
    }
}
