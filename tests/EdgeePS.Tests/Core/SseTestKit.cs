using System.Net;
using System.Text;
using EdgeePS.Simulation;
using EdgeePS.Streaming;

namespace EdgeePS.Tests.Core;

/// <summary>Builds SSE bodies byte for byte and reads a <see cref="ChatCompletionStream"/> to its end.</summary>
internal static class SseTestKit
{
    public const string ApiKey = "sk-edgee-test-5Jq8vR2mXw9LtZ";

    /// <summary>A typical content chunk, as the gateway sends it.</summary>
    public static string ContentChunk(string content, string id = "chatcmpl-1") =>
        $$"""{"id":"{{id}}","object":"chat.completion.chunk","created":1735689600,"model":"openai/gpt-test","choices":[{"index":0,"delta":{"content":{{JsonText.Quote(content)}}},"finish_reason":null}]}""";

    public static string RoleChunk() =>
        """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1735689600,"model":"openai/gpt-test","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""";

    public static string FinishChunk(string reason = "stop") =>
        $$"""{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1735689600,"model":"openai/gpt-test","choices":[{"index":0,"delta":{},"finish_reason":"{{reason}}"}]}""";

    /// <summary>One event: a <c>data:</c> line per line of <paramref name="data"/>, then a blank line.</summary>
    public static string Event(string data, string lineEnd = "\n") =>
        string.Concat(data.Split('\n').Select(line => "data: " + line + lineEnd)) + lineEnd;

    public static string Done(string lineEnd = "\n") => Event("[DONE]", lineEnd);

    /// <summary>The events of <paramref name="contents"/> as content chunks, optionally ended by [DONE].</summary>
    public static string ContentEvents(IEnumerable<string> contents, string lineEnd = "\n", bool done = true) =>
        string.Concat(contents.Select(content => Event(ContentChunk(content), lineEnd))) + (done ? Done(lineEnd) : string.Empty);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static ChatCompletionStream Open(
        Stream body,
        TimeSpan? idleTimeout = null,
        CancellationToken stop = default,
        string apiKey = ApiKey,
        TimeProvider? clock = null) =>
        new(new HttpResponseMessage(HttpStatusCode.OK), body, idleTimeout ?? TimeSpan.FromSeconds(30), apiKey, stop, clock: clock);

    /// <summary>
    /// Every event until Read returns null or throws; the exception, if any, is returned rather than thrown.
    /// Reads block, so they run on a pool thread and a test can bound them with WaitAsync.
    /// </summary>
    public static Task<StreamReadResult> ReadAllAsync(ChatCompletionStream stream) => Task.Run(() => ReadAll(stream));

    private static StreamReadResult ReadAll(ChatCompletionStream stream)
    {
        var events = new List<StreamEvent>();
        try
        {
            while (stream.Read() is { } next)
            {
                events.Add(next);
                if (events.Count > 100_000)
                {
                    throw new InvalidOperationException("The stream never ended.");
                }
            }

            return new StreamReadResult(events, null);
        }
        catch (Exception error) when (error is EdgeeException || error is OperationCanceledException)
        {
            return new StreamReadResult(events, error);
        }
    }

    public static async Task<StreamReadResult> ReadAllAsync(Stream body, TimeSpan? idleTimeout = null)
    {
        using var stream = Open(body, idleTimeout);
        return await ReadAllAsync(stream);
    }
}

internal sealed class StreamReadResult
{
    public StreamReadResult(IReadOnlyList<StreamEvent> events, Exception? error)
    {
        Events = events;
        Error = error;
    }

    public IReadOnlyList<StreamEvent> Events { get; }

    /// <summary>What ReadAsync threw, or null when it returned null (the stream ended with [DONE] or an error event).</summary>
    public Exception? Error { get; }

    public IReadOnlyList<StreamChunk> Chunks =>
        Events.Where(e => e.Kind == StreamEventKind.Chunk).Select(e => e.Chunk!).ToList();

    public IReadOnlyList<string> Texts => Chunks.Select(chunk => chunk.Text).ToList();

    public string Describe() =>
        $"{Events.Count} event(s) [{string.Join(", ", Events.Select(e => e.Kind == StreamEventKind.Chunk ? $"Chunk '{Shorten(e.Chunk!.Text)}'" : $"{e.Kind} {e.Error?.ErrorId}"))}], " +
        $"then {(Error is null ? "end" : $"{Error.GetType().Name} {(Error as EdgeeException)?.ErrorId}: {Error.Message}")}";

    private static string Shorten(string text) => text.Length > 40 ? text.Substring(0, 40) + "…" : text;
}
