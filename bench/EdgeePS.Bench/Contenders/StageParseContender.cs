using EdgeePS.Bench.Shared;
using EdgeePS.Streaming;

namespace EdgeePS.Bench.Contenders;

/// <summary>
/// stage-parse: stage-sse plus EdgeePS's own event parser (<c>StreamEventParser</c>: System.Text.Json, source-generated,
/// into EdgeePS's StreamChunk), on the caller's thread. Subtracted from stage-sse, what JSON to EdgeePS's model costs
/// per chunk; beside floor-parse, what that model costs over a lean five-field type.
/// </summary>
public sealed class StageParseContender : EdgeePSChunkContender
{
    private readonly HttpClient http = new();
    private readonly StreamEventParser parser = new(statusCode: 200, retryAfter: null, BenchSettings.ApiKey);

    public override void Dispose() => http.Dispose();

    protected override void Read(StreamTarget target, Action<StreamChunk> onChunk)
    {
        var number = 0;
        BenchRequests.ReadEvents<StreamEvent>(
            http,
            target,
            (type, data) => parser.Parse(type, data, ++number) is { Kind: not StreamEventKind.Done } parsed ? parsed : null,
            parsed => onChunk(parsed.Chunk ?? throw new InvalidDataException($"Not a chunk: {parsed.Kind} {parsed.Error?.Message}")));
    }
}
