namespace EdgeePS.Tests.Core;

/// <summary>What a <see cref="PiecewiseStream"/> does once every byte has been delivered.</summary>
internal enum StreamEnding
{
    /// <summary>Reads return 0: the server closed the connection cleanly.</summary>
    Close,

    /// <summary>The next read throws <see cref="IOException"/>: the connection dropped.</summary>
    Throw,

    /// <summary>The next read waits until its cancellation token fires: the server went silent.</summary>
    Hang,
}

/// <summary>
/// A read-only body that hands out its bytes in controlled pieces, the way a network does: piece number i holds
/// <c>pieceSizes[i]</c> bytes (the last size repeats once the list is used up) and no read crosses from one
/// piece into the next. A reader whose buffer is smaller than a piece gets the rest of it at once on its next
/// read, like bytes already waiting in a socket; <c>delayPerRead</c> is spent before each new piece.
/// </summary>
internal sealed class PiecewiseStream : Stream
{
    private readonly byte[] data;
    private readonly IReadOnlyList<int> pieceSizes;
    private readonly StreamEnding ending;
    private readonly TimeSpan delayPerPiece;
    private int position;
    private int piecesStarted;
    private int leftInPiece;
    private readonly ManualResetEventSlim disposed = new();

    public PiecewiseStream(byte[] data, IReadOnlyList<int> pieceSizes, StreamEnding ending = StreamEnding.Close, TimeSpan delayPerPiece = default)
    {
        if (pieceSizes.Count == 0 || pieceSizes.Any(size => size < 1))
        {
            throw new ArgumentException("Every piece must hold at least one byte (a read of 0 means end of stream).", nameof(pieceSizes));
        }

        this.data = data;
        this.pieceSizes = pieceSizes;
        this.ending = ending;
        this.delayPerPiece = delayPerPiece;
    }

    /// <summary>The body in pieces of exactly <paramref name="size"/> bytes (the last one may be shorter).</summary>
    public static PiecewiseStream Uniform(byte[] data, int size, StreamEnding ending = StreamEnding.Close) =>
        new(data, new[] { size }, ending);

    /// <summary>The body in two pieces, the first ending just before byte <paramref name="offset"/>.</summary>
    public static PiecewiseStream SplitAt(byte[] data, int offset, StreamEnding ending = StreamEnding.Close) =>
        new(data, new[] { offset, int.MaxValue }, ending);

    /// <summary>How many pieces have begun to be delivered.</summary>
    public int PiecesStarted => piecesStarted;

    public bool AllDelivered => position == data.Length;

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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            disposed.Set();
        }

        base.Dispose(disposing);
    }

    // A hanging connection ends only when it is closed, as a socket's blocked read does.
    private int WaitUntilDisposed()
    {
        disposed.Wait();
        throw new ObjectDisposedException(nameof(PiecewiseStream), "The connection was closed while a read waited.");
    }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.Length == 0)
        {
            return 0;
        }

        if (AllDelivered)
        {
            return ending switch
            {
                StreamEnding.Throw => throw Dropped(),
                StreamEnding.Hang => WaitUntilDisposed(),
                _ => 0,
            };
        }

        if (leftInPiece == 0)
        {
            if (delayPerPiece > TimeSpan.Zero)
            {
                Thread.Sleep(delayPerPiece);
            }

            StartPiece();
        }

        return Copy(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (buffer.Length == 0)
        {
            return 0;
        }

        if (AllDelivered)
        {
            switch (ending)
            {
                case StreamEnding.Throw:
                    throw Dropped();
                case StreamEnding.Hang:
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                    throw new InvalidOperationException("unreachable: an infinite delay ends only by cancellation");
                default:
                    return 0;
            }
        }

        if (leftInPiece == 0)
        {
            if (delayPerPiece > TimeSpan.Zero)
            {
                await Task.Delay(delayPerPiece, cancellationToken).ConfigureAwait(false);
            }

            StartPiece();
        }

        return Copy(buffer.Span);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static IOException Dropped() => new("Connection reset by peer (simulated by the test).");

    private void StartPiece()
    {
        var size = pieceSizes[Math.Min(piecesStarted, pieceSizes.Count - 1)];
        leftInPiece = Math.Min(size, data.Length - position);
        piecesStarted++;
    }

    private int Copy(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, leftInPiece);
        data.AsSpan(position, count).CopyTo(buffer);
        position += count;
        leftInPiece -= count;
        return count;
    }
}
