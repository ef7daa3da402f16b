using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace EdgeePS.Client
{
    /// <summary>
    /// Sits between the response body and the SSE parser and refuses to read on once more than the cap has
    /// arrived without an event being completed. The parser buffers a whole event before it can hand it over,
    /// so this bounds its memory whatever the server sends.
    /// </summary>
    internal sealed class EventSizeGuard : Stream
    {
        private readonly Stream _inner;
        private readonly int _maxEventBytes;
        private long _bytesRead;
        private long _bytesAtLastEvent;

        public EventSizeGuard(Stream inner, int maxEventBytes)
        {
            _inner = inner;
            _maxEventBytes = maxEventBytes;
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

        /// <summary>Called as each event is dispatched: the bytes up to here belonged to finished events.</summary>
        public void EventCompleted() => _bytesAtLastEvent = _bytesRead;

        public override int Read(byte[] buffer, int offset, int count) => Count(_inner.Read(buffer, offset, Limit(count)));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await _inner.ReadAsync(buffer, offset, Limit(count), cancellationToken).ConfigureAwait(false));

#if NET
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await _inner.ReadAsync(buffer.Slice(0, Limit(buffer.Length)), cancellationToken).ConfigureAwait(false));
#endif

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
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        // Read no further than one byte past the cap, so the overflow is seen without buffering more.
        private int Limit(int count)
        {
            var pending = _bytesRead - _bytesAtLastEvent;
            if (pending > _maxEventBytes)
            {
                throw new EdgeeException(
                    EdgeeErrorIds.StreamEventTooLarge,
                    $"A stream event grew past {_maxEventBytes / (1024 * 1024.0):0.##} MiB without ending; the stream was abandoned.");
            }

            return (int)Math.Min(count, _maxEventBytes + 1 - pending);
        }

        private int Count(int read)
        {
            _bytesRead += read;
            return read;
        }
    }
}
