namespace EdgeePS.Tests.Hardening;

/// <summary>
/// A body made up on the fly: <c>head</c>, then <c>repeated</c> over and over, then <c>tail</c>. It occupies no more
/// memory however long it is, so a test can stream a million events, or one event that never ends, and measure what
/// the reader keeps. <see cref="BytesServed"/> tells how far the reader got.
/// </summary>
internal sealed class RepeatingStream : Stream
{
    private readonly byte[] head;
    private readonly byte[] repeated;
    private readonly long repetitions;
    private readonly byte[] tail;
    private long repetitionsServed;
    private int offsetInPart;
    private int part;

    public RepeatingStream(byte[] head, byte[] repeated, long repetitions, byte[] tail)
    {
        this.head = head;
        this.repeated = repeated;
        this.repetitions = repetitions;
        this.tail = tail;
    }

    public long BytesServed { get; private set; }

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
        var written = 0;
        while (written < buffer.Length)
        {
            var source = Current();
            if (source is null)
            {
                break;
            }
            var count = Math.Min(buffer.Length - written, source.Length - offsetInPart);
            source.AsSpan(offsetInPart, count).CopyTo(buffer[written..]);
            written += count;
            offsetInPart += count;
            if (offsetInPart == source.Length)
            {
                Advance();
            }
        }
        BytesServed += written;
        return written;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>The part being served (head, repeated, tail), skipping empty ones; null at the end.</summary>
    private byte[]? Current()
    {
        while (true)
        {
            var source = part switch
            {
                0 => head,
                1 when repetitionsServed < repetitions => repeated,
                1 => null,
                2 => tail,
                _ => null,
            };
            if (part == 1 && source is null)
            {
                part = 2;
                continue;
            }
            if (source is null || source.Length > 0)
            {
                return source;
            }
            Advance();
        }
    }

    private void Advance()
    {
        offsetInPart = 0;
        if (part == 1)
        {
            repetitionsServed++;
            if (repetitionsServed < repetitions)
            {
                return;
            }
        }
        part++;
    }
}
