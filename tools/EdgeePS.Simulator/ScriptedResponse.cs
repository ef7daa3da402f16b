using System.Globalization;
using System.Text;

namespace EdgeePS.Simulator;

/// <summary>
/// A response the simulator plays step by step. Status and headers always go out first, with the first
/// <see cref="Write"/> (an empty write sends only the headers); a script that delays or stalls before any write
/// leaves the client waiting for the response headers. Every write is flushed at once.
/// </summary>
public sealed class ScriptedResponse
{
    private const long Created = 1700000000;
    private const string DefaultModel = "gpt-5.2";
    private const string DefaultId = "chatcmpl-1";

    private readonly List<KeyValuePair<string, string>> headers = [];
    private readonly List<Func<ResponseExecution, Task>> steps = [];

    private ScriptedResponse(int statusCode)
    {
        StatusCode = statusCode;
    }

    internal int StatusCode { get; }

    internal IReadOnlyList<KeyValuePair<string, string>> Headers => headers;

    internal IReadOnlyList<Func<ResponseExecution, Task>> Steps => steps;

    public static ScriptedResponse Status(int status) => new(status);

    /// <summary>Adds a response header; repeated names send repeated headers.</summary>
    public ScriptedResponse Header(string name, string value)
    {
        headers.Add(new KeyValuePair<string, string>(name, value));
        return this;
    }

    public ScriptedResponse Write(string text) => WriteBytes(Encoding.UTF8.GetBytes(text));

    public ScriptedResponse WriteBytes(byte[] bytes)
    {
        var copy = bytes.ToArray();
        steps.Add(execution => execution.WriteAsync(copy));
        return this;
    }

    /// <summary>
    /// Writes each piece as <paramref name="pieces"/> produces it, flushing each. The sequence is enumerated anew each
    /// time the response plays, so a generator can stream a body far larger than memory, or one without end (it stops
    /// when the client leaves).
    /// </summary>
    public ScriptedResponse WriteEach(IEnumerable<byte[]> pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        steps.Add(async execution =>
        {
            foreach (var piece in pieces)
            {
                await execution.WriteAsync(piece);
            }
        });
        return this;
    }

    public ScriptedResponse Delay(TimeSpan delay)
    {
        steps.Add(execution => Task.Delay(delay, execution.Cancellation));
        return this;
    }

    /// <summary>Never finishes: holds the connection open until the client leaves or the simulator is disposed.</summary>
    public ScriptedResponse Stall()
    {
        steps.Add(execution => Task.Delay(Timeout.InfiniteTimeSpan, execution.Cancellation));
        return this;
    }

    /// <summary>
    /// Drops the TCP connection, like a proxy dying mid-body. Bytes written just before may be lost if the client
    /// has not read them yet; put a <see cref="Delay"/> or <see cref="WaitFor"/> before it when the test needs them delivered.
    /// </summary>
    public ScriptedResponse Abort()
    {
        steps.Add(execution =>
        {
            execution.AbortConnection();
            return Task.CompletedTask;
        });
        return this;
    }

    /// <summary>Pauses until the test completes <paramref name="signal"/>; a faulted signal drops the connection.</summary>
    public ScriptedResponse WaitFor(Task signal)
    {
        steps.Add(execution => signal.WaitAsync(execution.Cancellation));
        return this;
    }

    /// <summary>
    /// Writes <paramref name="bytes"/> in pieces of the given sizes, flushing each; whatever the sizes leave over is
    /// written as one last piece, and sizes that run past the end are cut short.
    /// </summary>
    public ScriptedResponse WriteInPieces(byte[] bytes, IEnumerable<int> pieceSizes)
    {
        var remaining = bytes.ToArray().AsMemory();
        foreach (var size in pieceSizes)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(size, nameof(pieceSizes));
            if (remaining.IsEmpty)
            {
                break;
            }
            var piece = remaining[..Math.Min(size, remaining.Length)];
            remaining = remaining[piece.Length..];
            steps.Add(execution => execution.WriteAsync(piece));
        }
        if (!remaining.IsEmpty)
        {
            steps.Add(execution => execution.WriteAsync(remaining));
        }
        return this;
    }

    /// <summary>A 200 event stream: each payload as one <c>data:</c> event, written separately, then <c>data: [DONE]</c>.</summary>
    public static ScriptedResponse Sse(params string[] dataPayloads)
    {
        var response = Status(200).Header("Content-Type", "text/event-stream").Header("Cache-Control", "no-cache");
        foreach (var payload in dataPayloads)
        {
            response.Write(SseEvent(payload));
        }
        return response.Write(SseEvent("[DONE]"));
    }

    public static ScriptedResponse Json(int status, string body) =>
        Status(status).Header("Content-Type", "application/json").Write(body);

    /// <summary>An error response in the gateway's shape: <c>{"error":{"message","type","code"?}}</c>.</summary>
    public static ScriptedResponse Error(int status, string type, string message, string? code = null) =>
        Json(status, ErrorJson(type, message, code));

    public static string SseEvent(string payload) => "data: " + payload + "\n\n";

    public static string ErrorJson(string type, string message, string? code = null, string? param = null)
    {
        var fields = new StringBuilder();
        fields.Append("\"message\":").Append(JsonText.Quote(message));
        fields.Append(",\"type\":").Append(JsonText.Quote(type));
        if (code is not null)
        {
            fields.Append(",\"code\":").Append(JsonText.Quote(code));
        }
        if (param is not null)
        {
            fields.Append(",\"param\":").Append(JsonText.Quote(param));
        }
        return "{\"error\":{" + fields + "}}";
    }

    public static string ContentChunk(string text, string? finishReason = null, string id = DefaultId, string model = DefaultModel) =>
        Chunk(id, model, "{\"content\":" + JsonText.Quote(text) + "}", finishReason);

    public static string RoleChunk(string role = "assistant") =>
        Chunk(DefaultId, DefaultModel, "{\"role\":" + JsonText.Quote(role) + ",\"content\":\"\"}", finishReason: null);

    /// <summary>The closing chunk: an empty delta and a finish reason.</summary>
    public static string FinishChunk(string finishReason = "stop", string id = DefaultId, string model = DefaultModel) =>
        Chunk(id, model, "{}", finishReason);

    /// <summary>The usage chunk sent when <c>stream_options.include_usage</c> is set: no choices, only usage.</summary>
    public static string UsageChunk(int promptTokens, int completionTokens, string id = DefaultId, string model = DefaultModel) =>
        "{\"id\":" + JsonText.Quote(id) + ",\"object\":\"chat.completion.chunk\",\"created\":" + Created +
        ",\"model\":" + JsonText.Quote(model) + ",\"choices\":[],\"usage\":" + UsageJson(promptTokens, completionTokens) + "}";

    /// <summary>A whole non-streaming <c>chat.completion</c> with usage; completion tokens are counted as words.</summary>
    public static string CompletionJson(string text, string model = DefaultModel, int promptTokens = 10) =>
        "{\"id\":" + JsonText.Quote(DefaultId) + ",\"object\":\"chat.completion\",\"created\":" + Created +
        ",\"model\":" + JsonText.Quote(model) +
        ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + JsonText.Quote(text) + "},\"finish_reason\":\"stop\"}]" +
        ",\"usage\":" + UsageJson(promptTokens, CountWords(text)) + "}";

    internal static int CountWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static string Chunk(string id, string model, string deltaJson, string? finishReason) =>
        "{\"id\":" + JsonText.Quote(id) + ",\"object\":\"chat.completion.chunk\",\"created\":" + Created +
        ",\"model\":" + JsonText.Quote(model) +
        ",\"choices\":[{\"index\":0,\"delta\":" + deltaJson + ",\"finish_reason\":" + JsonText.QuoteOrNull(finishReason) + "}]}";

    private static string UsageJson(int promptTokens, int completionTokens) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{{\"prompt_tokens\":{promptTokens},\"completion_tokens\":{completionTokens},\"total_tokens\":{promptTokens + completionTokens}}}");
}
