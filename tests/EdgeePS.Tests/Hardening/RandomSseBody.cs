using System.Text;
using EdgeePS.Simulation;
using EdgeePS.Streaming;
using static EdgeePS.Tests.Core.SseTestKit;

namespace EdgeePS.Tests.Hardening;

/// <summary>
/// A random but reproducible (seeded) SSE body, built byte by byte with a plan of the events it holds: chunks of every
/// kind with text full of multi-byte characters, keep-alives, comments, id/event/retry fields, data split over
/// several lines, and — when asked — malformed events and a gateway error event. Knowing each event's end offset lets
/// a test predict exactly what a body cut at any byte must deliver.
/// </summary>
internal sealed class RandomSseBody
{
    // 1-, 2-, 3- and 4-byte UTF-8, a combining mark, and the characters JSON must escape.
    private static readonly string[] Alphabet = ["a", "Z", " ", "0", "é", "ß", "ñ", "€", "中", "東", "😀", "🎉", "\u0301", "\"", "\\", "\n", "\t"];

    private readonly StringBuilder text = new();
    private readonly List<PlannedEvent> events = [];
    private readonly string lineEnd;
    private int length;

    private RandomSseBody(string lineEnd, bool byteOrderMark)
    {
        this.lineEnd = lineEnd;
        if (byteOrderMark)
        {
            Append("\uFEFF");
        }
    }

    public byte[] Bytes { get; private set; } = [];

    public IReadOnlyList<PlannedEvent> Events => events;

    /// <summary>Where the [DONE] event is complete: a cut at or after it loses nothing.</summary>
    public int DoneEnd => events[^1].End;

    /// <param name="random">The seeded source of every choice.</param>
    /// <param name="lineEnd">"\n", "\r\n" or "\r"; fault-injection runs use "\n" so that an event's end is one exact byte.</param>
    /// <param name="byteOrderMark">Start with a UTF-8 BOM.</param>
    /// <param name="faults">Mix in malformed events, and sometimes end early with a gateway error event.</param>
    public static RandomSseBody Generate(Random random, string lineEnd, bool byteOrderMark, bool faults)
    {
        var body = new RandomSseBody(lineEnd, byteOrderMark);
        var count = random.Next(1, 25);
        if (random.Next(3) == 0)
        {
            body.Chunk(random, RoleChunk(), string.Empty);
        }
        for (var index = 0; index < count; index++)
        {
            switch (random.Next(faults ? 12 : 10))
            {
                case 0:
                    body.Raw(":" + (random.Next(2) == 0 ? string.Empty : " keep-alive") + lineEnd + lineEnd);
                    break;
                case 1:
                    body.Raw("data:" + lineEnd + lineEnd);
                    break;
                case 2:
                    body.Chunk(random, ToolCallFragment(random), string.Empty);
                    break;
                case 10:
                    body.Malformed(random);
                    break;
                case 11 when random.Next(4) == 0:
                    body.Planned(random, ErrorJson(random), StreamEventKind.GatewayError, null);
                    return body.Finish(withDone: false);
                default:
                    var content = RandomText(random);
                    body.Chunk(random, ContentChunk(content, id: "chatcmpl-" + random.Next(1000)), content);
                    break;
            }
        }
        if (random.Next(2) == 0)
        {
            body.Chunk(random, FinishChunk(), string.Empty);
        }
        return body.Finish(withDone: true);
    }

    public static string RandomText(Random random)
    {
        var builder = new StringBuilder();
        var length = random.Next(0, 12);
        for (var index = 0; index < length; index++)
        {
            builder.Append(Alphabet[random.Next(Alphabet.Length)]);
        }
        return builder.ToString();
    }

    public override string ToString() => $"{Bytes.Length} bytes, events: {string.Join("; ", events)}";

    private void Chunk(Random random, string json, string expectedText) => Planned(random, json, StreamEventKind.Chunk, expectedText);

    private void Malformed(Random random)
    {
        // No line breaks: inside data they would end the line, or with two in a row the event.
        var plain = RandomText(random).Replace("\n", "").Replace("\"", "").Replace("\\", "");
        string[] shapes = ["{not json " + plain, "42", "[1,2]", "\"" + plain + "\"", "{\"choices\":\"none\"}"];
        Planned(random, shapes[random.Next(shapes.Length)], StreamEventKind.Malformed, null);
    }

    /// <summary>One dispatched event, written in one of the forms the WHATWG rules allow.</summary>
    private void Planned(Random random, string data, StreamEventKind kind, string? expectedText)
    {
        var fields = random.Next(6) switch
        {
            0 => "event: message" + lineEnd,
            1 => "id: " + random.Next(100) + lineEnd,
            2 => "retry: 1500" + lineEnd + ": a comment inside the event" + lineEnd,
            _ => string.Empty,
        };
        Raw(fields);
        var split = data.IndexOf(",\"choices\"", StringComparison.Ordinal);
        if (kind == StreamEventKind.Chunk && split > 0 && random.Next(4) == 0)
        {
            // Several data lines join with "\n", which JSON takes as whitespace between tokens.
            Raw("data: " + data[..(split + 1)] + lineEnd + "data:" + data[(split + 1)..] + lineEnd);
        }
        else
        {
            Raw((random.Next(4) == 0 ? "data:" : "data: ") + data + lineEnd);
        }
        Raw(lineEnd);
        events.Add(new PlannedEvent(kind, expectedText, length));
    }

    private RandomSseBody Finish(bool withDone)
    {
        if (withDone)
        {
            Raw("data: [DONE]" + lineEnd + lineEnd);
            events.Add(new PlannedEvent(StreamEventKind.Done, null, length));
        }
        Bytes = Utf8(text.ToString());
        if (Bytes.Length != length)
        {
            throw new InvalidOperationException("The body's byte count went wrong while it was built.");
        }
        return this;
    }

    private void Raw(string piece) => Append(piece);

    private void Append(string piece)
    {
        text.Append(piece);
        length += Encoding.UTF8.GetByteCount(piece);
    }

    private static string ToolCallFragment(Random random) =>
        $$$"""{"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"index":{{{random.Next(3)}}},"function":{"arguments":{{{JsonText.Quote("{\"q\":\"" + RandomText(random).Replace("\"", "").Replace("\\", "") + "\"")}}}}}]},"finish_reason":null}]}""";

    private static string ErrorJson(Random random) =>
        $$$"""{"error":{"message":{{{JsonText.Quote("overloaded " + RandomText(random))}}},"type":"server_error","code":"internal_error"}}""";
}
