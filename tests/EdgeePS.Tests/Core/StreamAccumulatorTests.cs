using System.Text.Json;
using EdgeePS.Serialization;
using EdgeePS.Streaming;

namespace EdgeePS.Tests.Core;

/// <summary>
/// <see cref="StreamJoiner"/> and the accumulators behind it, fed parsed chunks: what one streamed answer joins into,
/// and where one answer ends and the next begins.
/// </summary>
public sealed class StreamAccumulatorTests
{
    [Fact]
    public void Content_role_and_the_usage_chunk_after_the_finish_reason_join_into_one_response()
    {
        var response = JoinOne(
            """{"id":"chatcmpl-7","object":"chat.completion.chunk","created":1735689600,"model":"openai/gpt-test","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""",
            """{"id":"chatcmpl-7","created":1735689600,"model":"openai/gpt-test","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}""",
            """{"id":"chatcmpl-7","created":1735689600,"model":"openai/gpt-test","choices":[{"index":0,"delta":{"content":"lo."},"finish_reason":null}]}""",
            """{"id":"chatcmpl-7","created":1735689600,"model":"openai/gpt-test","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""",
            """{"id":"chatcmpl-7","created":1735689600,"model":"openai/gpt-test","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11,"completion_tokens_details":{"reasoning_tokens":0}}}""");

        Assert.Equal(("chatcmpl-7", "chat.completion", 1735689600L, "openai/gpt-test"), (response.Id, response.Object, response.Created!.Value, response.Model));
        var choice = Assert.Single(response.Choices);
        Assert.Equal((0, "stop", "assistant", "Hello."), (choice.Index, choice.FinishReason, choice.Message!.Role, choice.Message.Content));
        Assert.Equal(("Hello.", "stop"), (response.Text, response.FinishReason));
        Assert.Equal((9, 2, 11, 0), (response.Usage!.PromptTokens, response.Usage.CompletionTokens, response.Usage.TotalTokens, response.Usage.ReasoningTokens!.Value));
        Assert.Null(response.ToolCalls);
        Assert.Equal(string.Empty, response.Reasoning);
    }

    [Fact]
    public void Parallel_tool_calls_interleaved_by_index_are_each_reassembled()
    {
        var response = JoinOne(
            Delta("""{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_status","arguments":""}}]}"""),
            Delta("""{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"get_load","arguments":"{\"ho"}}]}"""),
            Delta("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"unit\":"}}]}"""),
            Delta("""{"tool_calls":[{"index":1,"function":{"arguments":"st\":\"web01\"}"}}]}"""),
            Delta("""{"tool_calls":[{"index":0,"function":{"arguments":"\"nginx\"}"}}]}"""),
            Finish("tool_calls"));

        Assert.Equal("tool_calls", response.FinishReason);
        Assert.Null(response.Message!.Content);
        Assert.Equal(
            new (string?, string?, string?, string?)[] { ("call_a", "function", "get_status", """{"unit":"nginx"}"""), ("call_b", "function", "get_load", """{"host":"web01"}""") },
            response.ToolCalls!.Select(call => (call.Id, call.Type, call.Function!.Name, call.Function.Arguments)));
        // The whole answer's shape: its tool calls carry no stream index, so they can be sent back as they are.
        Assert.All(response.ToolCalls!, call => Assert.Null(call.Index));
    }

    [Fact]
    public void Arguments_that_already_parse_as_JSON_are_not_taken_as_complete()
    {
        var response = JoinOne(
            Delta("""{"tool_calls":[{"index":0,"id":"call_n","type":"function","function":{"name":"set_replicas","arguments":"1"}}]}"""),
            Delta("""{"tool_calls":[{"index":0,"function":{"arguments":"2"}}]}"""),
            Finish("tool_calls"));

        Assert.Equal("12", Assert.Single(response.ToolCalls!).Function!.Arguments);
    }

    [Fact]
    public void An_id_and_name_repeated_on_every_fragment_are_not_doubled()
    {
        var response = JoinOne(
            Delta("""{"tool_calls":[{"index":0,"id":"call_r","type":"function","function":{"name":"ping","arguments":"{\"a\":"}}]}"""),
            Delta("""{"tool_calls":[{"index":0,"id":"call_r","type":"function","function":{"name":"ping","arguments":"1}"}}]}"""),
            Finish("tool_calls"));

        var call = Assert.Single(response.ToolCalls!);
        Assert.Equal(("call_r", "ping", """{"a":1}"""), (call.Id, call.Function!.Name, call.Function.Arguments));
    }

    [Fact]
    public void A_new_id_at_an_index_already_used_is_another_call()
    {
        // Some providers number every call 0 and send each one whole.
        var response = JoinOne(
            Delta("""{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"first","arguments":"{}"}}]}"""),
            Delta("""{"tool_calls":[{"index":0,"id":"call_2","type":"function","function":{"name":"second","arguments":"{\"x\":2}"}}]}"""),
            Finish("tool_calls"));

        Assert.Equal(
            new (string?, string?, string?)[] { ("call_1", "first", "{}"), ("call_2", "second", """{"x":2}""") },
            response.ToolCalls!.Select(call => (call.Id, call.Function!.Name, call.Function.Arguments)));
    }

    [Fact]
    public void Fragments_without_an_index_continue_the_call_in_progress()
    {
        var response = JoinOne(
            Delta("""{"tool_calls":[{"id":"call_x","function":{"name":"lookup","arguments":"{\"q\":"}}]}"""),
            Delta("""{"tool_calls":[{"function":{"arguments":"\"dns\"}"}}]}"""),
            Delta("""{"tool_calls":[{"id":"call_y","function":{"name":"lookup","arguments":"{}"}}]}"""),
            Finish("tool_calls"));

        Assert.Equal(
            new (string?, string?, string?)[] { ("call_x", "function", """{"q":"dns"}"""), ("call_y", "function", "{}") },
            response.ToolCalls!.Select(call => (call.Id, call.Type, call.Function!.Arguments)));
    }

    [Fact]
    public void Two_choices_join_apart_and_come_out_in_index_order()
    {
        var response = JoinOne(
            """{"id":"c","choices":[{"index":1,"delta":{"role":"assistant","content":"Bl"}},{"index":0,"delta":{"role":"assistant","content":"Re"}}]}""",
            """{"id":"c","choices":[{"index":0,"delta":{"content":"d"}}]}""",
            """{"id":"c","choices":[{"index":1,"delta":{"content":"ue"},"finish_reason":"length"}]}""",
            """{"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""");

        Assert.Equal(
            new (int, string?, string?)[] { (0, "Red", "stop"), (1, "Blue", "length") },
            response.Choices.Select(choice => (choice.Index, choice.Message!.Content, choice.FinishReason)));
        Assert.Equal("Red", response.Text);
    }

    [Theory]
    [InlineData("reasoning_content")]
    [InlineData("reasoning")]
    public void Reasoning_under_either_name_joins_apart_from_the_text(string field)
    {
        var chunks = new[]
        {
            Delta($$"""{"role":"assistant","{{field}}":"The disk "}"""),
            Delta($$"""{"{{field}}":"is full."}"""),
            Delta("""{"content":"Free space."}"""),
            Finish("stop"),
        };

        var response = JoinOne(chunks);

        Assert.Equal("The disk ", Parse(chunks[0]).Reasoning);
        Assert.Equal(string.Empty, Parse(chunks[0]).Text);
        Assert.Equal(("The disk is full.", "Free space."), (response.Reasoning, response.Text));
        Assert.Equal("The disk is full.", response.Message!.Reasoning);
    }

    [Fact]
    public void A_server_that_sends_both_reasoning_names_is_read_once()
    {
        var chunk = Parse(Delta("""{"reasoning":"think","reasoning_content":"think"}"""));

        Assert.Equal("think", chunk.Choices[0].Delta!.Reasoning);
    }

    [Fact]
    public void Reasoning_that_is_not_text_does_not_make_the_chunk_malformed()
    {
        var chunk = Parse(Delta("""{"content":"ok","reasoning":{"summary":["a"]}}"""));

        Assert.Equal(("ok", string.Empty), (chunk.Text, chunk.Reasoning));
    }

    [Fact]
    public void Compression_and_fields_no_model_covers_are_kept()
    {
        var response = JoinOne(
            """{"id":"c","system_fingerprint":"fp_1","compression":{"saved_tokens":40,"cost_savings":120,"reduction":12.5,"time_ms":7},"choices":[{"index":0,"delta":{"content":"x"}}]}""",
            """{"id":"c","system_fingerprint":"fp_1","edgee_pending_id":"p-1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""");

        Assert.Equal(40, response.Compression!.SavedTokens);
        Assert.Equal(new[] { "system_fingerprint", "edgee_pending_id" }, response.AdditionalProperties!.Keys);
        Assert.Equal("p-1", response.AdditionalProperties["edgee_pending_id"].GetString());
    }

    [Fact]
    public void Answers_are_told_apart_by_the_streaming_commands_answer_even_with_repeated_or_empty_ids()
    {
        var first = new StreamAnswer("openai", fallbackUsed: false);
        var second = new StreamAnswer("anthropic", fallbackUsed: true);
        var third = new StreamAnswer(null, fallbackUsed: false);
        first.Complete();
        second.Complete();
        var joiner = new StreamJoiner();
        var responses = new List<CompletionResponse>();

        foreach (var (json, answer) in new[]
        {
            (Content("one", id: "same"), first), (Finish("stop", id: "same"), first),
            (Content("two", id: "same"), second), (Finish("stop", id: "same"), second),
            (Content("three", id: ""), third),
        })
        {
            var chunk = Parse(json);
            chunk.Answer = answer;
            responses.AddRange(joiner.Add(chunk) is { } done ? [done] : []);
        }

        responses.Add(joiner.Finish()!);

        Assert.Equal(
            new[] { ("one", "openai", false, true), ("two", "anthropic", true, true), ("three", null, false, false) },
            responses.Select(response => (response.Text, response.Provider, response.FallbackUsed, response.IsComplete)));
        Assert.Null(joiner.Finish());
    }

    [Fact]
    public void Chunks_made_elsewhere_are_told_apart_by_id_and_a_missing_id_stays_with_the_answer_before()
    {
        var responses = Join(
            Content("a", id: "x"), Content("b", id: ""), Finish("stop", id: "x"),
            """{"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""",
            Content("c", id: "y"));

        Assert.Equal(new[] { ("ab", 2, true), ("c", 0, false) }, responses.Select(response => (response.Text, response.Usage?.TotalTokens ?? 0, response.IsComplete)));
    }

    [Fact]
    public void An_answer_whose_stream_did_not_complete_says_so_and_keeps_what_arrived()
    {
        var chunk = Parse(Content("partial"));
        chunk.Answer = new StreamAnswer(null, fallbackUsed: false);
        var joiner = new StreamJoiner();

        Assert.Null(joiner.Add(chunk));
        var response = joiner.Finish()!;

        Assert.Equal(("partial", null, false), (response.Text, response.FinishReason, response.IsComplete));
    }

    private static CompletionResponse JoinOne(params string[] chunks) => Assert.Single(Join(chunks));

    private static List<CompletionResponse> Join(params string[] chunks)
    {
        var joiner = new StreamJoiner();
        var responses = chunks.Select(json => joiner.Add(Parse(json))).OfType<CompletionResponse>().ToList();
        responses.AddRange(joiner.Finish() is { } last ? [last] : []);
        return responses;
    }

    private static StreamChunk Parse(string json) => JsonSerializer.Deserialize(json, EdgeeJsonContext.Default.StreamChunk)!;

    private static string Delta(string delta) => $$"""{"id":"chatcmpl-1","choices":[{"index":0,"delta":{{delta}},"finish_reason":null}]}""";

    private static string Content(string text, string id = "chatcmpl-1") =>
        $$"""{"id":"{{id}}","choices":[{"index":0,"delta":{"content":{{JsonSerializer.Serialize(text)}}},"finish_reason":null}]}""";

    private static string Finish(string reason, string id = "chatcmpl-1") =>
        $$"""{"id":"{{id}}","choices":[{"index":0,"delta":{},"finish_reason":"{{reason}}"}]}""";
}
