using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Server;

/// <summary>
/// The SSE bytes the server sends, shaped like a real gateway's chunks. Burst streams are cut from one pre-built
/// block, so even the 1,000,000-chunk stream costs the server a few hundred kilobytes and almost no CPU.
/// </summary>
internal static class ChunkPayloads
{
    /// <summary>Chunks per pre-built block: large writes, so the server is never what a client waits for.</summary>
    public const int BlockChunks = 1_000;

    private const long Created = 1_700_000_000;

    private static readonly ConcurrentDictionary<string, PayloadBlock> Blocks = new(StringComparer.Ordinal);

    public static readonly byte[] Done = Encoding.UTF8.GetBytes("data: [DONE]\n\n");

    /// <summary>The opening chunk real gateways send: the role, and empty content.</summary>
    public static byte[] Role(string model) => Event(model, "{\"role\":\"assistant\",\"content\":\"\"}", "null");

    public static byte[] Content(string model, string text) => Event(model, "{\"content\":\"" + text + "\"}", "null");

    public static byte[] Finish(string model) => Event(model, "{}", "\"stop\"");

    /// <summary>Content chunks of exactly <see cref="BenchSettings.ContentBytes"/> bytes each, all the same length, so any prefix of whole chunks is a plain slice.</summary>
    public static PayloadBlock ContentBlock(string model) => Blocks.GetOrAdd(model, BuildBlock);

    /// <summary>"token 0000000042": sixteen bytes, different in every chunk of a block, like real tokens.</summary>
    public static string BurstText(int index) => "token " + index.ToString("D10", CultureInfo.InvariantCulture);

    private static PayloadBlock BuildBlock(string model)
    {
        var events = Enumerable.Range(0, BlockChunks).Select(index => Content(model, BurstText(index))).ToArray();
        return new PayloadBlock(events.SelectMany(bytes => bytes).ToArray(), events[0].Length);
    }

    private static byte[] Event(string model, string deltaJson, string finishReasonJson) =>
        Encoding.UTF8.GetBytes(
            "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":" + Created.ToString(CultureInfo.InvariantCulture) +
            ",\"model\":\"" + model + "\",\"choices\":[{\"index\":0,\"delta\":" + deltaJson + ",\"finish_reason\":" + finishReasonJson + "}]}\n\n");
}
