namespace EdgeePS.Tests.Core;

/// <summary>
/// Wraps a body and notes, for every read made of it, the thread that made it, so a test can tell whether events were
/// read on the caller's thread or on a reader thread, and find that reader thread. Also tells whether the body was
/// closed.
/// </summary>
internal sealed class ReadRecordingStream : Stream
{
    private readonly Stream inner;
    private readonly object gate = new();
    private readonly List<Thread> readers = new();
    private long bytesRead;
    private bool disposed;

    public ReadRecordingStream(Stream inner) => this.inner = inner;

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

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        lock (gate)
        {
            readers.Add(Thread.CurrentThread);
        }

        var read = inner.Read(buffer);
        lock (gate)
        {
            bytesRead += read;
        }

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
            lock (gate)
            {
                disposed = true;
            }

            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
