namespace EdgeePS.Tests.Core;

/// <summary>
/// A body that hands out exactly the bytes the test has let through (<see cref="Release"/>), and otherwise blocks
/// the reader like a silent socket, until more is released, <see cref="End"/> is called or the stream is closed. The
/// test can wait until a reader is blocked (<see cref="WaitUntilReaderBlockedAsync"/>): then everything the reader
/// did before the read, such as arming its idle timer, has happened.
/// </summary>
internal sealed class GatedStream : Stream
{
    private readonly object _gate = new();
    private readonly Queue<byte> _released = new();
    private bool _ended;
    private bool _disposed;
    private int _blockedReads;

    public bool IsDisposed
    {
        get
        {
            lock (_gate)
            {
                return _disposed;
            }
        }
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

    public void Release(byte[] bytes)
    {
        lock (_gate)
        {
            foreach (var value in bytes)
            {
                _released.Enqueue(value);
            }

            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>After the released bytes, reads return 0: the server closed the connection.</summary>
    public void End()
    {
        lock (_gate)
        {
            _ended = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Completes once a read waits with nothing released to hand out (the n-th such wait, counting from 1).</summary>
    public Task WaitUntilReaderBlockedAsync(int times, TimeSpan patience) =>
        Eventually.WaitUntilAsync(() => BlockedReads >= times, patience, () => $"The reader blocked {BlockedReads} time(s), not {times}.");

    private int BlockedReads
    {
        get
        {
            lock (_gate)
            {
                return _blockedReads;
            }
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.Length == 0)
        {
            return 0;
        }

        lock (_gate)
        {
            if (_released.Count == 0 && !_ended && !_disposed)
            {
                _blockedReads++;
                while (_released.Count == 0 && !_ended && !_disposed)
                {
                    Monitor.Wait(_gate);
                }
            }

            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(GatedStream), "The connection was closed while a read waited.");
            }

            var count = 0;
            while (count < buffer.Length && _released.Count > 0)
            {
                buffer[count++] = _released.Dequeue();
            }

            return count;
        }
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
            lock (_gate)
            {
                _disposed = true;
                Monitor.PulseAll(_gate);
            }
        }

        base.Dispose(disposing);
    }
}
