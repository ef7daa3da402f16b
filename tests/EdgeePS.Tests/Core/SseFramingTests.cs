using System.Text;
using EdgeePS.Streaming;
using Xunit;
using static EdgeePS.Tests.Core.SseTestKit;

namespace EdgeePS.Tests.Core;

/// <summary>
/// The SSE framing of <see cref="ChatCompletionStream"/>, fed from memory in controlled pieces: WHATWG line
/// and field rules, UTF-8 across reads, [DONE], truncation, malformed and error events, timeouts.
/// </summary>
public sealed class SseFramingTests
{
    private static readonly string[] ThreeWords = { "Hello", ", ", "world" };

    public static TheoryData<string, string> LineEnds => new()
    {
        { "LF", "\n" },
        { "CRLF", "\r\n" },
        { "CR", "\r" },
    };

    [Theory]
    [MemberData(nameof(LineEnds))]
    public async Task Line_ends_of_every_kind_frame_events(string name, string lineEnd)
    {
        var body = Utf8(ContentEvents(ThreeWords, lineEnd));

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 7));

        Assert.True(result.Error is null, $"{name}: {result.Describe()}");
        Assert.Equal(ThreeWords, result.Texts);
    }

    [Theory]
    [MemberData(nameof(LineEnds))]
    public async Task Line_ends_split_between_reads_at_every_offset_give_the_same_chunks(string name, string lineEnd)
    {
        // A CRLF split across two reads is one line end, not an end plus an empty line (which would end the event early).
        var body = Utf8(
            Event(ContentChunk("one")) .Replace("\n", lineEnd)
            + "data: {\"choices\":[{\"index\":0," + lineEnd + "data: \"delta\":{\"content\":\"two\"}}]}" + lineEnd + lineEnd
            + ": comment" + lineEnd + lineEnd
            + Done(lineEnd));

        var failures = await SplitAtEveryOffsetAsync(body, new[] { "one", "two" });

        Assert.True(failures.Count == 0, $"{name}: {failures.Count} split(s) went wrong, e.g. {string.Join(" | ", failures.Take(3))}");
    }

    [Fact]
    public async Task Data_field_without_a_space_after_the_colon_is_read()
    {
        var body = Utf8("data:" + ContentChunk("tight") + "\n\n" + "data:[DONE]\n\n");

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 1024));

        Assert.True(result.Error is null, result.Describe());
        Assert.Equal(new[] { "tight" }, result.Texts);
    }

    [Fact]
    public async Task Comment_lines_are_ignored_even_when_they_look_like_data_or_done()
    {
        var body = Utf8(
            ": keep-alive\n\n"
            + ":\n\n"
            + Event(ContentChunk("a"))
            + ": data: [DONE]\n\n"
            + ": keep-alive\n"
            + "data: " + ContentChunk("b") + "\n"
            + ": a comment inside an event does not end it\n"
            + "\n"
            + Done());

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 5));

        Assert.True(result.Error is null, result.Describe());
        Assert.Equal(new[] { "a", "b" }, result.Texts);
        Assert.All(result.Events, e => Assert.Equal(StreamEventKind.Chunk, e.Kind));
    }

    [Fact]
    public async Task Event_id_and_retry_fields_do_not_become_data()
    {
        var body = Utf8(
            "retry: 3000\n\n"
            + "event: message\nid: 1\nretry: 2500\ndata: " + ContentChunk("first") + "\n\n"
            + "id: data: [DONE]\nevent: data\ndata: " + ContentChunk("second") + "\nretry: not-a-number\n\n"
            + "id\nevent\n\n"
            + Done());

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 11));

        Assert.True(result.Error is null, result.Describe());
        Assert.Equal(new[] { "first", "second" }, result.Texts);
        Assert.All(result.Events, e => Assert.Equal(StreamEventKind.Chunk, e.Kind));
    }

    [Fact]
    public async Task Several_data_lines_in_one_event_form_one_chunk()
    {
        var chunk = ContentChunk("split over lines");
        var cut = chunk.IndexOf("\"choices\"", StringComparison.Ordinal);
        var body = Utf8("data: " + chunk.Substring(0, cut) + "\ndata: " + chunk.Substring(cut) + "\n\n" + Done());

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 3));

        Assert.True(result.Error is null, result.Describe());
        var only = Assert.Single(result.Chunks);
        Assert.Equal("split over lines", only.Text);
        Assert.Equal("chatcmpl-1", only.Id);
    }

    [Fact]
    public async Task Several_data_lines_are_joined_with_a_line_feed()
    {
        // A malformed event quotes its data, which shows how the lines were joined.
        var body = Utf8("data: {first-line\ndata: second-line}\n\n" + Event(ContentChunk("after")) + Done());

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 4));

        Assert.True(result.Error is null, result.Describe());
        Assert.Equal(StreamEventKind.Malformed, result.Events[0].Kind);
        Assert.Contains("{first-line\nsecond-line}", result.Events[0].Error!.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "after" }, result.Texts);
    }

    [Fact]
    public async Task Utf8_bom_at_the_start_is_skipped()
    {
        var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Utf8(ContentEvents(new[] { "after BOM", "more" }))).ToArray();

        var whole = await ReadAllAsync(PiecewiseStream.Uniform(body, body.Length));
        var byteByByte = await ReadAllAsync(PiecewiseStream.Uniform(body, 1));

        Assert.True(whole.Error is null, whole.Describe());
        Assert.Equal(new[] { "after BOM", "more" }, whole.Texts);
        Assert.True(byteByByte.Error is null, byteByByte.Describe());
        Assert.Equal(new[] { "after BOM", "more" }, byteByByte.Texts);
    }

    [Fact]
    public async Task Multibyte_characters_split_at_every_byte_offset_arrive_intact()
    {
        var contents = new[] { "é", "€", "😀", "中", "Grüße aus 東京 😀€é" };
        var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Utf8(ContentEvents(contents, "\r\n"))).ToArray();

        // The body really carries the characters as raw multi-byte UTF-8, so some splits fall inside them.
        Assert.True(IndexOf(body, Utf8("😀")) > 0, "the test body should contain the 4-byte sequence of 😀");
        Assert.True(IndexOf(body, Utf8("中")) > 0, "the test body should contain the 3-byte sequence of 中");

        var failures = await SplitAtEveryOffsetAsync(body, contents);

        Assert.True(failures.Count == 0, $"{failures.Count} of {body.Length - 1} splits went wrong, e.g. {string.Join(" | ", failures.Take(3))}");
    }

    [Fact]
    public async Task Multibyte_characters_delivered_one_byte_per_read_arrive_intact()
    {
        var contents = new[] { "é€😀中", "ñ", "🎉🎉" };
        var body = Utf8(ContentEvents(contents));

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 1));

        Assert.True(result.Error is null, result.Describe());
        Assert.Equal(contents, result.Texts);
    }

    [Fact]
    public async Task A_one_megabyte_event_arrives_intact()
    {
        const string Pattern = "Lorem ipsum é € 中文 ";
        var builder = new StringBuilder(1_000_000);
        while (builder.Length < 1_000_000)
        {
            builder.Append(Pattern[builder.Length % Pattern.Length]);
        }

        var content = builder.ToString();
        var body = Utf8(Event(RoleChunk()) + ContentEvents(new[] { content, "tail" }));

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 8192));

        Assert.True(result.Error is null, result.Describe());
        Assert.Equal(3, result.Texts.Count);
        Assert.Equal(1_000_000, result.Texts[1].Length);
        Assert.True(content == result.Texts[1], "the 1,000,000-character content differs from what was sent");
        Assert.Equal("tail", result.Texts[2]);
    }

    [Fact]
    public async Task An_event_larger_than_the_cap_is_refused_after_the_chunks_before_it()
    {
        var body = Utf8(ContentEvents(new[] { "small", "also small" }, done: false) + Event(ContentChunk(new string('z', 20_000))) + Done());

        using var stream = new ChatCompletionStream(
            new HttpResponseMessage(System.Net.HttpStatusCode.OK),
            PiecewiseStream.Uniform(body, 4096),
            TimeSpan.FromSeconds(30),
            ApiKey,
            CancellationToken.None,
            maxEventBytes: 8192);
        var result = await ReadAllAsync(stream);

        var error = Assert.IsType<EdgeeException>(result.Error);
        Assert.Equal(EdgeeErrorIds.StreamEventTooLarge, error.ErrorId);
        Assert.Equal(new[] { "small", "also small" }, result.Texts);
    }

    [Fact]
    public async Task The_event_size_cap_applies_to_each_event_not_to_the_whole_stream()
    {
        var texts = Enumerable.Range(0, 200).Select(i => new string((char)('a' + (i % 26)), 500)).ToArray();
        var body = Utf8(ContentEvents(texts));

        using var stream = new ChatCompletionStream(
            new HttpResponseMessage(System.Net.HttpStatusCode.OK),
            PiecewiseStream.Uniform(body, 3000),
            TimeSpan.FromSeconds(30),
            ApiKey,
            CancellationToken.None,
            maxEventBytes: 8192);
        var result = await ReadAllAsync(stream);

        Assert.True(body.Length > 10 * 8192, "the whole body should be far larger than the cap");
        Assert.True(result.Error is null, result.Describe());
        Assert.Equal(texts, result.Texts);
    }

    [Fact]
    public async Task Done_ends_the_stream_and_nothing_after_it_is_returned()
    {
        var body = Utf8(
            Event(ContentChunk("before"))
            + Done()
            + Event(ContentChunk("after done"))
            + Event("""{"error":{"message":"late error"}}""")
            + "data: {not json\n\n");

        using var stream = Open(PiecewiseStream.Uniform(body, 9));
        var result = await ReadAllAsync(stream);
        var again = stream.Read();

        Assert.True(result.Error is null, result.Describe());
        var only = Assert.Single(result.Events);
        Assert.Equal("before", only.Chunk!.Text);
        Assert.Null(again);
        Assert.Equal(1, stream.ChunkCount);
    }

    [Fact]
    public async Task Done_with_surrounding_whitespace_still_ends_the_stream()
    {
        var body = Utf8(Event(ContentChunk("x")) + "data:  [DONE]  \n\n" + Event(ContentChunk("ignored")));

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 64));

        Assert.True(result.Error is null, result.Describe());
        Assert.Equal(new[] { "x" }, result.Texts);
    }

    [Fact]
    public async Task A_body_that_ends_without_done_is_truncated_after_its_chunks()
    {
        var body = Utf8(Event(RoleChunk()) + ContentEvents(ThreeWords, done: false));

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 13));

        var error = Assert.IsType<EdgeeException>(result.Error);
        Assert.Equal(EdgeeErrorIds.StreamTruncated, error.ErrorId);
        Assert.Equal(new[] { "" }.Concat(ThreeWords), result.Texts);
    }

    [Fact]
    public async Task An_empty_body_is_truncated()
    {
        var result = await ReadAllAsync(new PiecewiseStream(Array.Empty<byte>(), new[] { 1 }));

        var error = Assert.IsType<EdgeeException>(result.Error);
        Assert.Equal(EdgeeErrorIds.StreamTruncated, error.ErrorId);
        Assert.Empty(result.Events);
    }

    [Fact]
    public async Task A_body_cut_inside_an_event_is_truncated_and_the_partial_event_is_not_returned()
    {
        var whole = ContentChunk("never complete");
        var body = Utf8(ContentEvents(ThreeWords, done: false) + "data: " + whole.Substring(0, whole.Length / 2));

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 16));

        var error = Assert.IsType<EdgeeException>(result.Error);
        Assert.Equal(EdgeeErrorIds.StreamTruncated, error.ErrorId);
        Assert.Equal(ThreeWords, result.Texts);
        Assert.All(result.Events, e => Assert.Equal(StreamEventKind.Chunk, e.Kind));
    }

    [Fact]
    public async Task A_connection_dropped_mid_body_is_truncated_and_earlier_chunks_are_kept()
    {
        var partial = ContentChunk("lost");
        var body = Utf8(ContentEvents(ThreeWords, done: false) + "data: " + partial.Substring(0, 20));

        using var stream = Open(PiecewiseStream.Uniform(body, 10, StreamEnding.Throw));
        var result = await ReadAllAsync(stream);

        var error = Assert.IsType<EdgeeException>(result.Error);
        Assert.Equal(EdgeeErrorIds.StreamTruncated, error.ErrorId);
        Assert.IsType<IOException>(error.InnerException);
        Assert.Equal(ThreeWords, result.Texts);
        Assert.Equal(3, stream.ChunkCount);
    }

    [Fact]
    public async Task A_connection_dropped_after_a_complete_event_is_truncated()
    {
        var body = Utf8(ContentEvents(ThreeWords, done: false));

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, body.Length, StreamEnding.Throw));

        var error = Assert.IsType<EdgeeException>(result.Error);
        Assert.Equal(EdgeeErrorIds.StreamTruncated, error.ErrorId);
        Assert.Equal(ThreeWords, result.Texts);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("42")]
    [InlineData("\"just a string\"")]
    [InlineData("[1,2,3]")]
    [InlineData("null")]
    [InlineData("{\"choices\":\"not a list\"}")]
    [InlineData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]")]
    public async Task A_malformed_event_is_reported_and_the_stream_goes_on(string data)
    {
        var body = Utf8(Event(ContentChunk("before")) + "data: " + data + "\n\n" + ContentEvents(new[] { "after", "end" }));

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 6));

        Assert.True(result.Error is null, result.Describe());
        Assert.Equal(4, result.Events.Count);
        Assert.Equal(StreamEventKind.Malformed, result.Events[1].Kind);
        Assert.Null(result.Events[1].Chunk);
        var error = Assert.IsAssignableFrom<EdgeeException>(result.Events[1].Error);
        Assert.Equal(EdgeeErrorIds.MalformedStreamEvent, error.ErrorId);
        Assert.Equal(new[] { "before", "after", "end" }, result.Texts);
    }

    [Fact]
    public async Task A_malformed_event_does_not_count_as_a_chunk()
    {
        var body = Utf8("data: {not json\n\n" + ContentEvents(new[] { "a", "b" }));

        using var stream = Open(PiecewiseStream.Uniform(body, 100));
        var result = await ReadAllAsync(stream);

        Assert.True(result.Error is null, result.Describe());
        Assert.Equal(2, stream.ChunkCount);
    }

    [Fact]
    public async Task An_error_object_in_the_stream_is_a_gateway_error_and_ends_the_stream()
    {
        var body = Utf8(
            Event(RoleChunk())
            + Event(ContentChunk("partial answer"))
            + Event("""{"error":{"message":"Upstream provider overloaded, try again","type":"provider_error","code":"internal_error","param":null}}""")
            + Event(ContentChunk("must not be returned"))
            + Done());

        using var stream = Open(PiecewiseStream.Uniform(body, 17));
        var result = await ReadAllAsync(stream);
        var afterwards = stream.Read();

        Assert.True(result.Error is null, result.Describe());
        Assert.Equal(3, result.Events.Count);
        Assert.Equal(new[] { "", "partial answer" }, result.Texts);
        var last = result.Events[2];
        Assert.Equal(StreamEventKind.GatewayError, last.Kind);
        Assert.Null(last.Chunk);
        var error = Assert.IsAssignableFrom<EdgeeException>(last.Error);
        Assert.Equal(EdgeeErrorIds.StreamErrorEvent, error.ErrorId);
        Assert.Contains("Upstream provider overloaded, try again", error.Message, StringComparison.Ordinal);
        var apiError = Assert.IsType<EdgeeApiException>(error);
        Assert.Equal("provider_error", apiError.ErrorType);
        Assert.Equal("internal_error", apiError.ErrorCode);
        Assert.Null(afterwards);
    }

    [Fact]
    public async Task An_error_field_that_is_not_an_object_does_not_end_the_stream()
    {
        // Only a top-level error *object* is the gateway's error shape; other fields named error are just unknown data.
        var body = Utf8(Event("""{"choices":[{"index":0,"delta":{"content":"x"}}],"error":null}""") + Event(ContentChunk("y")) + Done());

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 50));

        Assert.True(result.Error is null, result.Describe());
        Assert.Equal(new[] { "x", "y" }, result.Texts);
    }

    [Fact]
    public async Task The_api_key_is_masked_in_a_malformed_event()
    {
        var body = Utf8($"data: {{\"echo\":\"Authorization: Bearer {ApiKey}\" oops\n\n" + ContentEvents(new[] { "ok" }));

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 32));

        Assert.True(result.Error is null, result.Describe());
        var error = result.Events[0].Error!;
        Assert.Equal(EdgeeErrorIds.MalformedStreamEvent, error.ErrorId);
        Assert.Contains("Authorization: Bearer", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_part_of_the_api_key_shows_where_the_quoted_data_is_cut_short()
    {
        // Long malformed events are quoted only in part; wherever that cut falls, it must not expose part of the key.
        var secretPart = ApiKey.Substring("sk-edgee-test-".Length, 6);
        var body = new StringBuilder();
        for (var pad = 0; pad <= 2000; pad += 5)
        {
            body.Append("data: {\"note\":\"").Append('x', pad).Append(ApiKey).Append("\" broken\n\n");
        }

        var result = await ReadAllAsync(PiecewiseStream.Uniform(Utf8(body.Append(Done()).ToString()), 65536));

        Assert.True(result.Error is null, result.Describe());
        Assert.Equal(401, result.Events.Count);
        var leaks = result.Events
            .Select((e, i) => (Pad: i * 5, Message: e.Error?.Message ?? string.Empty))
            .Where(e => e.Message.Contains(secretPart, StringComparison.Ordinal))
            .ToList();
        Assert.True(
            leaks.Count == 0,
            $"{leaks.Count} malformed-event message(s) show part of the key, e.g. with {leaks.FirstOrDefault().Pad} characters before it: …{Tail(leaks.FirstOrDefault().Message)}");
    }

    [Fact]
    public async Task Done_without_the_blank_line_that_completes_its_event_is_not_done()
    {
        // WHATWG: an event the body ends in the middle of (before its empty line) is not dispatched.
        var body = Utf8(ContentEvents(new[] { "a", "b" }, done: false) + "data: [DONE]\n");

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 64));

        var error = Assert.IsType<EdgeeException>(result.Error);
        Assert.Equal(EdgeeErrorIds.StreamTruncated, error.ErrorId);
        Assert.Equal(new[] { "a", "b" }, result.Texts);
    }

    [Fact]
    public async Task The_api_key_is_masked_in_a_gateway_error_event()
    {
        var body = Utf8(Event($$$"""{"error":{"message":"Invalid API key: {{{ApiKey}}}","type":"authentication_error","code":"unauthorized","param":"{{{ApiKey}}}"}}"""));

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 32));

        // Before any chunk the event refuses the request: the client reports (and may retry) it as ApiError.
        var error = Assert.IsType<EdgeeApiException>(Assert.Single(result.Events).Error);
        Assert.Equal(EdgeeErrorIds.ApiError, error.ErrorId);
        Assert.True(error.InStream);
        Assert.Contains("Invalid API key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chunks_without_content_have_empty_text_never_null()
    {
        var body = Utf8(
            Event(RoleChunk())
            + Event("""{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant"},"finish_reason":null}]}""")
            + Event(ContentChunk("Hi"))
            + Event("""{"id":"c","choices":[{"index":0,"delta":{"content":null},"finish_reason":null}]}""")
            + Event(FinishChunk())
            + Event("""{"id":"c","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}""")
            + Event("{}")
            + Event("""{"choices":null}""")
            + Done());

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 20));

        Assert.True(result.Error is null, result.Describe());
        Assert.Equal(new[] { "", "", "Hi", "", "", "", "", "" }, result.Texts);
        Assert.All(result.Chunks, chunk => Assert.NotNull(chunk.Text));
        Assert.Equal("assistant", result.Chunks[0].Role);
        Assert.Equal("stop", result.Chunks[4].FinishReason);
    }

    [Fact]
    public async Task Usage_chunk_with_empty_choices_carries_every_token_detail()
    {
        var body = Utf8(
            ContentEvents(new[] { "x" }, done: false)
            + Event("""
                {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[],
                 "usage":{"prompt_tokens":1200,"completion_tokens":345,"total_tokens":1545,
                          "prompt_tokens_details":{"cached_tokens":512},
                          "completion_tokens_details":{"reasoning_tokens":64},
                          "input_tokens_details":{"cached_tokens":1024,"cache_creation_tokens":128},
                          "output_tokens_details":{"reasoning_tokens":256}}}
                """.Replace("\r", string.Empty))
            + Done());

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 40));

        Assert.True(result.Error is null, result.Describe());
        var usageChunk = result.Chunks[1];
        Assert.Empty(usageChunk.Choices);
        Assert.Equal("", usageChunk.Text);
        var usage = Assert.IsType<Usage>(usageChunk.Usage);
        Assert.Equal(1200, usage.PromptTokens);
        Assert.Equal(345, usage.CompletionTokens);
        Assert.Equal(1545, usage.TotalTokens);
        Assert.Equal(512, usage.PromptTokensDetails?.CachedTokens);
        Assert.Equal(64, usage.CompletionTokensDetails?.ReasoningTokens);
        Assert.Equal(1024, usage.InputTokensDetails?.CachedTokens);
        Assert.Equal(128, usage.InputTokensDetails?.CacheCreationTokens);
        Assert.Equal(256, usage.OutputTokensDetails?.ReasoningTokens);
    }

    [Fact]
    public async Task Usage_details_under_openai_names_alone_are_read()
    {
        var body = Utf8(
            Event("""{"choices":[],"usage":{"prompt_tokens":10,"completion_tokens":20,"total_tokens":30,"prompt_tokens_details":{"cached_tokens":7},"completion_tokens_details":{"reasoning_tokens":9}}}""")
            + Done());

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 40));

        Assert.True(result.Error is null, result.Describe());
        var usage = Assert.Single(result.Chunks).Usage!;
        Assert.Equal(7, usage.CachedTokens);
        Assert.Equal(9, usage.ReasoningTokens);
        Assert.Null(usage.InputTokensDetails);
    }

    [Fact]
    public async Task Usage_details_under_edgee_names_alone_are_read()
    {
        var body = Utf8(
            Event("""{"choices":[],"usage":{"prompt_tokens":10,"completion_tokens":20,"total_tokens":30,"input_tokens_details":{"cached_tokens":6,"cache_creation_tokens":2},"output_tokens_details":{"reasoning_tokens":11}}}""")
            + Done());

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 40));

        Assert.True(result.Error is null, result.Describe());
        var usage = Assert.Single(result.Chunks).Usage!;
        Assert.Equal(6, usage.CachedTokens);
        Assert.Equal(2, usage.CacheCreationTokens);
        Assert.Equal(11, usage.ReasoningTokens);
        Assert.Null(usage.PromptTokensDetails);
    }

    [Fact]
    public async Task Tool_call_fragments_are_all_kept_with_their_index()
    {
        static string ToolDelta(string toolCalls) =>
            $$$"""{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":{{{toolCalls}}}},"finish_reason":null}]}""";

        var body = Utf8(
            Event("""{"id":"c","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_weather","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]}""")
            + Event(ToolDelta("""[{"index":0,"function":{"arguments":"{\"ci"}}]"""))
            + Event(ToolDelta("""[{"index":1,"id":"call_time","type":"function","function":{"name":"get_time","arguments":""}}]"""))
            + Event(ToolDelta("""[{"index":0,"function":{"arguments":"ty\":\"Paris\"}"}}]"""))
            + Event(ToolDelta("""[{"index":1,"function":{"arguments":"{\"tz\":\"CET\"}"}}]"""))
            + Event(FinishChunk("tool_calls"))
            + Done());

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 23));

        Assert.True(result.Error is null, result.Describe());
        Assert.Equal(6, result.Chunks.Count);
        var fragments = result.Chunks.Take(5).Select(chunk => Assert.Single(chunk.Choices[0].Delta!.ToolCalls!)).ToList();
        Assert.Equal(new int?[] { 0, 0, 1, 0, 1 }, fragments.Select(f => f.Index));
        Assert.Equal("call_weather", fragments[0].Id);
        Assert.Equal("function", fragments[0].Type);
        Assert.Equal("get_weather", fragments[0].Function!.Name);
        Assert.Null(fragments[1].Id);
        Assert.Null(fragments[1].Function!.Name);
        Assert.Equal("call_time", fragments[2].Id);
        Assert.Equal("get_time", fragments[2].Function!.Name);

        string Arguments(int index) => string.Concat(fragments.Where(f => f.Index == index).Select(f => f.Function?.Arguments));
        Assert.Equal("{\"city\":\"Paris\"}", Arguments(0));
        Assert.Equal("{\"tz\":\"CET\"}", Arguments(1));
        Assert.Equal("tool_calls", result.Chunks[5].FinishReason);
        Assert.All(result.Chunks, chunk => Assert.Equal("", chunk.Text));
    }

    [Fact]
    public async Task Compression_in_the_current_shape_is_read()
    {
        var body = Utf8(
            Event("""{"choices":[],"compression":{"saved_tokens":1500,"cost_savings":4200,"reduction":37.25,"time_ms":18}}""")
            + Done());

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 40));

        Assert.True(result.Error is null, result.Describe());
        var compression = Assert.Single(result.Chunks).Compression!;
        Assert.Equal(1500, compression.SavedTokens);
        Assert.Equal(4200, compression.CostSavings);
        Assert.Equal(37.25, compression.Reduction);
        Assert.Equal(18, compression.TimeMs);
        Assert.Null(compression.Rate);
        Assert.Null(compression.InputTokens);
    }

    [Fact]
    public async Task Compression_in_the_older_shape_is_read()
    {
        var body = Utf8(
            Event("""{"choices":[{"index":0,"delta":{"content":"x"}}],"compression":{"input_tokens":4000,"saved_tokens":1000,"rate":0.75}}""")
            + Done());

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 40));

        Assert.True(result.Error is null, result.Describe());
        var compression = Assert.Single(result.Chunks).Compression!;
        Assert.Equal(4000, compression.InputTokens);
        Assert.Equal(1000, compression.SavedTokens);
        Assert.Equal(0.75, compression.Rate);
        Assert.Null(compression.Reduction);
    }

    [Fact]
    public async Task Unknown_fields_are_kept_in_additional_properties_and_do_not_fail()
    {
        var body = Utf8(
            Event("""
                {"id":"c","choices":[{"index":0,"delta":{"content":"x","reasoning_content":"hmm"},"finish_reason":null,"logprobs":null}],
                 "edgee_pending_id":"pend_42","edgee_tools_executed":[{"name":"search","ms":12}],"system_fingerprint":"fp_1",
                 "usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2,"future_field":{"a":1}},
                 "compression":{"saved_tokens":5,"strategy":"agentic"}}
                """.Replace("\r", string.Empty).Replace("\n", string.Empty))
            + Done());

        var result = await ReadAllAsync(PiecewiseStream.Uniform(body, 40));

        Assert.True(result.Error is null, result.Describe());
        var chunk = Assert.Single(result.Chunks);
        Assert.Equal("x", chunk.Text);
        var extra = Assert.IsAssignableFrom<IDictionary<string, System.Text.Json.JsonElement>>(chunk.AdditionalProperties);
        Assert.Equal("pend_42", extra["edgee_pending_id"].GetString());
        Assert.Equal("search", extra["edgee_tools_executed"][0].GetProperty("name").GetString());
        Assert.Equal("fp_1", extra["system_fingerprint"].GetString());
        Assert.False(extra.ContainsKey("choices"));
        Assert.Equal("agentic", chunk.Compression!.AdditionalProperties!["strategy"].GetString());
        Assert.Equal(2, chunk.Usage!.TotalTokens);
    }

    // Idle timeouts run on a fake clock: time passes only when the test advances it, so "not before" and "after"
    // are exact, and no test waits for real time to pass. Patience bounds only a hang.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_silent_stream_times_out_once_its_idle_timeout_has_passed_and_not_before()
    {
        var clock = new ObservedClock();
        var body = new GatedStream();
        using var stream = Open(body, TimeSpan.FromSeconds(2), clock: clock);
        body.Release(Utf8(Event(RoleChunk()) + Event(ContentChunk("only this"))));

        var reading = ReadAllAsync(stream);
        await body.WaitUntilReaderBlockedAsync(1, Patience);
        clock.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
        var abandonedEarly = body.IsDisposed;
        clock.Advance(TimeSpan.FromTicks(1));
        var result = await reading.WaitAsync(Patience);

        Assert.False(abandonedEarly, "the stream was abandoned before its idle timeout had passed");
        var error = Assert.IsType<EdgeeException>(result.Error);
        Assert.Equal(EdgeeErrorIds.StreamIdleTimeout, error.ErrorId);
        Assert.Equal(new[] { "", "only this" }, result.Texts);
        Assert.Equal(new[] { TimeSpan.FromSeconds(2) }, clock.Fired);
    }

    [Fact]
    public async Task A_silent_stream_times_out_before_any_chunk()
    {
        var clock = new ObservedClock();
        var body = new GatedStream();
        using var stream = Open(body, TimeSpan.FromMilliseconds(200), clock: clock);

        var reading = ReadAllAsync(stream);
        await body.WaitUntilReaderBlockedAsync(1, Patience);
        clock.Advance(TimeSpan.FromMilliseconds(200));
        var result = await reading.WaitAsync(Patience);

        var error = Assert.IsType<EdgeeException>(result.Error);
        Assert.Equal(EdgeeErrorIds.StreamIdleTimeout, error.ErrorId);
        Assert.Empty(result.Events);
    }

    [Fact]
    public async Task The_idle_timeout_applies_to_each_gap_not_to_the_whole_stream()
    {
        // Eight events 1.5 s apart: 12 s in all, but never 2 s of silence.
        var clock = new ObservedClock();
        var body = new GatedStream();
        using var stream = Open(body, TimeSpan.FromSeconds(2), clock: clock);
        var texts = Enumerable.Range(1, 8).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var reading = ReadAllAsync(stream);
        for (var index = 0; index < texts.Length; index++)
        {
            await body.WaitUntilReaderBlockedAsync(index + 1, Patience);
            clock.Advance(TimeSpan.FromSeconds(1.5));
            Assert.False(body.IsDisposed, $"abandoned in the gap before event {index + 1}, though no gap reached the idle timeout");
            body.Release(Utf8(Event(ContentChunk(texts[index]))));
        }

        await body.WaitUntilReaderBlockedAsync(texts.Length + 1, Patience);
        body.Release(Utf8(Done()));
        body.End();
        var result = await reading.WaitAsync(Patience);

        Assert.True(result.Error is null, result.Describe());
        Assert.Equal(texts, result.Texts);
        Assert.Empty(clock.Fired);
    }

    [Fact]
    public async Task Time_the_caller_spends_between_reads_is_not_idle_time()
    {
        var clock = new ObservedClock();
        var body = PiecewiseStream.Uniform(Utf8(ContentEvents(new[] { "a", "b" })), 1024);
        using var stream = Open(body, TimeSpan.FromSeconds(1), clock: clock);

        var first = stream.Read();
        clock.Advance(TimeSpan.FromSeconds(10));
        var rest = await ReadAllAsync(stream).WaitAsync(Patience);

        Assert.Equal("a", first?.Chunk?.Text);
        Assert.Empty(clock.Fired);
        Assert.True(rest.Error is null, rest.Describe());
        Assert.Equal(new[] { "b" }, rest.Texts);
    }

    [Fact]
    public async Task Cancelling_the_stop_token_cancels_a_waiting_read()
    {
        // The fake clock never moves: only the stop can end the waiting read (else the test's patience runs out).
        using var stop = new CancellationTokenSource();
        var body = new GatedStream();
        body.Release(Utf8(Event(ContentChunk("first"))));
        using var stream = Open(body, TimeSpan.FromSeconds(30), stop.Token, clock: new ObservedClock());

        var first = stream.Read();
        var waiting = Task.Run(() => Record.Exception(() => stream.Read()));
        await body.WaitUntilReaderBlockedAsync(1, Patience);
        stop.Cancel();
        var error = await waiting.WaitAsync(Patience);

        Assert.Equal("first", first?.Chunk?.Text);
        var cancelled = Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.Equal(stop.Token, cancelled.CancellationToken);
    }

    [Fact]
    public async Task A_stop_token_cancelled_before_reading_cancels_even_with_data_ready()
    {
        using var stop = new CancellationTokenSource();
        stop.Cancel();
        var body = Utf8(ContentEvents(ThreeWords));
        using var stream = Open(PiecewiseStream.Uniform(body, 1024), TimeSpan.FromSeconds(30), stop.Token);

        var error = Record.Exception(() => stream.Read());

        Assert.IsAssignableFrom<OperationCanceledException>(error);
    }

    private static async Task<List<string>> SplitAtEveryOffsetAsync(byte[] body, IReadOnlyList<string> expectedTexts)
    {
        var failures = new List<string>();
        for (var offset = 1; offset < body.Length; offset++)
        {
            var result = await ReadAllAsync(PiecewiseStream.SplitAt(body, offset));
            if (result.Error != null || !result.Texts.SequenceEqual(expectedTexts) || result.Events.Count != expectedTexts.Count)
            {
                failures.Add($"split at byte {offset}: {result.Describe()}");
            }
        }

        return failures;
    }

    private static string Tail(string? text) => text is null || text.Length <= 60 ? text ?? string.Empty : text.Substring(text.Length - 60);

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }
}
