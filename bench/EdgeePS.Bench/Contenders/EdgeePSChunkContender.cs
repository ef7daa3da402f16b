namespace EdgeePS.Bench.Contenders;

/// <summary>A contender that reads EdgeePS's own StreamChunks without PowerShell: one loop serves both the timed and the recording run.</summary>
public abstract class EdgeePSChunkContender : IContender
{
    public void Consume(StreamTarget target)
    {
        long contentChars = 0;
        Read(target, chunk => contentChars += chunk.Text.Length);
    }

    public void Deliver(StreamTarget target, DeliveryRecorder recorder)
    {
        recorder.Start();
        Read(target, chunk => recorder.Record(chunk.Text));
    }

    public virtual void Dispose()
    {
    }

    /// <summary>Reads the whole stream, handing each chunk to <paramref name="onChunk"/> as it is read.</summary>
    protected abstract void Read(StreamTarget target, Action<StreamChunk> onChunk);
}
