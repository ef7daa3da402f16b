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
        ReadChunks(http, target, chunk => contentChars += TextOf(chunk)?.Length ?? 0);
    }

    public void Deliver(StreamTarget target, DeliveryRecorder recorder)
    {
        recorder.Start();
        ReadChunks(http, target, chunk => recorder.Record(TextOf(chunk)));
    }

    public void Dispose() => http.Dispose();

    public static string? TextOf(TypedChunk chunk) => chunk.Choices is [var first, ..] ? first.Delta?.Content : null;

    /// <summary>The floor's whole client loop, shared with the cmdlet floor so both do exactly the same work.</summary>
    public static void ReadChunks(HttpClient http, StreamTarget target, Action<TypedChunk> onChunk) =>
        BenchRequests.ReadEvents(http, target, ParseChunk, onChunk);

    /// <summary>[DONE] becomes null, the end of the stream; everything else must be a chunk.</summary>
    private static TypedChunk? ParseChunk(string eventType, ReadOnlySpan<byte> data) =>
        data.SequenceEqual(DoneMarker)
            ? null
            : JsonSerializer.Deserialize(data, TypedChunkJsonContext.Default.TypedChunk) ?? throw new InvalidDataException("A null chunk.");
}
