namespace EdgeePS.Tests.Hardening;

/// <summary>
/// Passes an inner body through, but once the reader reaches byte <c>pauseAt</c> it waits <c>pause</c> before
/// handing over more: a gateway that goes quiet for a while mid-stream and then carries on.
/// </summary>
internal sealed class PausingStream : Stream
{
    private readonly Stream inner;
    private readonly long pauseAt;
    private readonly TimeSpan pause;
    private long position;
    private bool paused;

    public PausingStream(Stream inner, long pauseAt, TimeSpan pause)
    {
        this.inner = inner;
        this.pauseAt = pauseAt;
        this.pause = pause;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!paused && position == pauseAt)
        {
            paused = true;
            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
        }

        // Never read across the pause point, so the pause falls exactly there.
        var limit = !paused && position < pauseAt ? (int)Math.Min(buffer.Length, pauseAt - position) : buffer.Length;
        var read = await inner.ReadAsync(buffer[..limit], cancellationToken).ConfigureAwait(false);
        position += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
