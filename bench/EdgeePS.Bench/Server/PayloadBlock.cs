namespace EdgeePS.Bench.Server;

/// <summary>Consecutive SSE events of one equal length, so the first n of them are a plain slice of the bytes.</summary>
internal sealed record PayloadBlock(byte[] Bytes, int ChunkLength)
{
    public ReadOnlyMemory<byte> FirstChunks(int count) => Bytes.AsMemory(0, count * ChunkLength);
}
