using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using EdgeePS.Bench.Json;

namespace EdgeePS.Bench.Contenders;

/// <summary>
/// floor-parse: HttpClient + System.Net.ServerSentEvents + source-generated System.Text.Json into typed chunks, on the
/// caller's thread. The best a .NET client can do, and the reference for every ratio in the report.
/// </summary>
public sealed class FloorParseContender : IContender
{
    private static readonly byte[] DoneMarker = "[DONE]"u8.ToArray();

    private readonly HttpClient http = new();

    public void Consume(StreamTarget target)
    {
        long contentChars = 0;
        ReadChunks(target, chunk => contentChars += TextOf(chunk)?.Length ?? 0);
    }

    public void Deliver(StreamTarget target, DeliveryRecorder recorder)
    {
        recorder.Start();
        ReadChunks(target, chunk => recorder.Record(TextOf(chunk)));
    }

    public void Dispose() => http.Dispose();

    public static string? TextOf(TypedChunk chunk) => chunk.Choices is [var first, ..] ? first.Delta?.Content : null;

    private void ReadChunks(StreamTarget target, Action<TypedChunk> onChunk) => ReadChunks(http, target, onChunk);

    /// <summary>The floor's whole client loop, shared with the cmdlet floor so both do exactly the same work.</summary>
    public static void ReadChunks(HttpClient http, StreamTarget target, Action<TypedChunk> onChunk)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target.ChatCompletionsUrl)
        {
            Content = new StringContent(target.RequestJson, Encoding.UTF8, "application/json"),
        };
        using var response = http.Send(request, HttpCompletionOption.ResponseHeadersRead).EnsureSuccessStatusCode();
        using var body = response.Content.ReadAsStream();
        foreach (var item in SseParser.Create(body, ParseChunk).Enumerate())
        {
            if (item.Data is null)
            {
                return;
            }
            onChunk(item.Data);
        }
        throw new InvalidDataException("The stream ended before [DONE].");
    }

    /// <summary>[DONE] becomes null, the end of the stream; everything else must be a chunk.</summary>
    private static TypedChunk? ParseChunk(string eventType, ReadOnlySpan<byte> data) =>
        data.SequenceEqual(DoneMarker)
            ? null
            : JsonSerializer.Deserialize(data, TypedChunkJsonContext.Default.TypedChunk) ?? throw new InvalidDataException("A null chunk.");
}
