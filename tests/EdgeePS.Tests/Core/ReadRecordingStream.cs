using EdgeePS.Transport;

namespace EdgeePS.Tests.Core;

/// <summary>
/// Wraps a body and notes, for every read made of it, the thread that made it, so a test can tell whether events were
/// read on the caller's thread or on a reader thread, and find that reader thread. Also tells whether the body was
/// closed.
/// </summary>
internal sealed class ReadRecordingStream : ReadOnlyWrapperStream
{
    private readonly object gate = new();
    private readonly List<Thread> readers = new();
    private long bytesRead;
    private bool disposed;

    public ReadRecordingStream(Stream inner)
        : base(inner)
    {
    }

    /// <summary>The thread of every read so far, in order.</summary>
    public IReadOnlyList<Thread> Readers
    {
        get
        {
            lock (gate)
            {
                return readers.ToList();
            }
        }
    }

    public long BytesRead
    {
        get
        {
            lock (gate)
            {
                return bytesRead;
            }
        }
    }

    public bool IsDisposed
    {
        get
        {
            lock (gate)
            {
                return disposed;
            }
        }
    }

    /// <summary>The first thread other than <paramref name="caller"/> that read the body, if any has.</summary>
    public Thread? ReaderOtherThan(int caller) => Readers.FirstOrDefault(thread => thread.ManagedThreadId != caller);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        lock (gate)
        {
            readers.Add(Thread.CurrentThread);
        }

        var read = Inner.Read(buffer);
        lock (gate)
        {
            bytesRead += read;
        }

        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (gate)
            {
                disposed = true;
            }
        }

        base.Dispose(disposing);
    }
}
