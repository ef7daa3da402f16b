using EdgeePS.Bench.Shared;
using EdgeePS.Requests;
using EdgeePS.Settings;
using EdgeePS.Streaming;
using EdgeePS.Transport;

namespace EdgeePS.Bench.Contenders;

/// <summary>
/// stage-stream and stage-readahead: EdgeePS's core without PowerShell, as the cmdlet drives it: settings resolved,
/// the request built, the retry-aware open (<c>EdgeeClient.OpenStream</c>), then each event from the open stream
/// (<c>ChatCompletionStream</c>: size guard, idle timer, stop checks), read on the caller's thread or, with the
/// read-ahead, on EdgeePS's reader thread and taken on the caller's (<c>StreamReadAhead</c>).
/// </summary>
public sealed class EdgeePSCoreContender(bool readAhead) : EdgeePSChunkContender
{
    protected override void Read(StreamTarget target, Action<StreamChunk> onChunk)
    {
        var options = EdgeeSettings.Resolve(new ConnectionSettings { ApiKey = BenchSettings.ApiKey, BaseUrl = target.ServerUrl.GetLeftPart(UriPartial.Authority) });
        var request = ChatRequestBuilder.Build(target.Model, BenchSettings.Prompt, stream: true, unwrap: value => value);
        var stream = new EdgeeClient(options).OpenStream(request, CancellationToken.None);
        if (!readAhead)
        {
            using (stream)
            {
                while (stream.Read() is StreamEvent next)
                {
                    onChunk(ChunkOf(next));
                }
            }
            return;
        }

        using var ahead = new StreamReadAhead(stream);
        while (ahead.Take() is StreamEvent next)
        {
            onChunk(ChunkOf(next));
        }
    }

    private static StreamChunk ChunkOf(StreamEvent next) =>
        next.Chunk ?? throw new InvalidDataException($"Not a chunk: {next.Kind} {next.Error?.Message}");
}
