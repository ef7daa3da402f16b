using EdgeePS.Transport;

namespace EdgeePS.Tests.Hardening;

/// <summary>
/// Passes an inner body through, but once the reader reaches byte <c>pauseAt</c> it waits <c>pause</c> before
/// handing over more: a gateway that goes quiet for a while mid-stream and then carries on.
/// </summary>
internal sealed class PausingStream : ReadOnlyWrapperStream
{
    private readonly long pauseAt;
    private readonly TimeSpan pause;
    private long position;
    private bool paused;

    public PausingStream(Stream inner, long pauseAt, TimeSpan pause)
        : base(inner)
    {
        this.pauseAt = pauseAt;
        this.pause = pause;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (!paused && position == pauseAt)
        {
            paused = true;
            Thread.Sleep(pause);
        }

        // Never read across the pause point, so the pause falls exactly there.
        var limit = !paused && position < pauseAt ? (int)Math.Min(count, pauseAt - position) : count;
        var read = Inner.Read(buffer, offset, limit);
        position += read;
        return read;
    }
}
