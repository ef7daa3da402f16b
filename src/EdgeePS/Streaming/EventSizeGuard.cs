using System;
using System.IO;
using EdgeePS.Transport;
using static System.FormattableString;

namespace EdgeePS.Streaming
{
    /// <summary>
    /// Sits between the response body and the SSE parser and refuses to read on once more than the cap has
    /// arrived without an event being completed. The parser buffers a whole event before it can hand it over,
    /// so this bounds its memory whatever the server sends.
    /// </summary>
    internal sealed class EventSizeGuard : ReadOnlyWrapperStream
    {
        private readonly int _maxEventBytes;
        private long _bytesRead;
        private long _bytesAtLastEvent;

        public EventSizeGuard(Stream inner, int maxEventBytes)
            : base(inner)
        {
            _maxEventBytes = maxEventBytes;
        }

        /// <summary>Called as each event is dispatched: the bytes up to here belonged to finished events.</summary>
        public void EventCompleted() => _bytesAtLastEvent = _bytesRead;

        public override int Read(byte[] buffer, int offset, int count) => Count(Inner.Read(buffer, offset, Limit(count)));

#if NET
        // The parser reads into spans; without this the base class would copy every read through a rented array.
        public override int Read(Span<byte> buffer) => Count(Inner.Read(buffer.Slice(0, Limit(buffer.Length))));
#endif

        // Read no further than one byte past the cap, so the overflow is seen without buffering more.
        private int Limit(int count)
        {
            var pending = _bytesRead - _bytesAtLastEvent;
            if (pending > _maxEventBytes)
            {
                throw new EdgeeException(
                    EdgeeErrorIds.StreamEventTooLarge,
                    Invariant($"A stream event grew past {_maxEventBytes / (1024 * 1024.0):0.##} MiB without ending; the stream was abandoned."));
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
