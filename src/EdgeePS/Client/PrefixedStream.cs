using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace EdgeePS.Client
{
    /// <summary>
    /// A response body whose first bytes were already read (to learn that the stream really started before
    /// giving up the chance to retry), put back in front of the rest.
    /// </summary>
    internal sealed class PrefixedStream : Stream
    {
        private readonly byte[] _prefix;
        private readonly Stream _rest;
        private int _prefixOffset;

        public PrefixedStream(byte[] prefix, Stream rest)
        {
            _prefix = prefix;
            _rest = rest;
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
            _prefixOffset < _prefix.Length ? ReadPrefix(new Span<byte>(buffer, offset, count)) : _rest.Read(buffer, offset, count);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _prefixOffset < _prefix.Length
                ? Task.FromResult(ReadPrefix(new Span<byte>(buffer, offset, count)))
                : _rest.ReadAsync(buffer, offset, count, cancellationToken);

#if NET
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _prefixOffset < _prefix.Length ? new ValueTask<int>(ReadPrefix(buffer.Span)) : _rest.ReadAsync(buffer, cancellationToken);
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
                _rest.Dispose();
            }

            base.Dispose(disposing);
        }

        private int ReadPrefix(Span<byte> destination)
        {
            var count = Math.Min(destination.Length, _prefix.Length - _prefixOffset);
            new ReadOnlySpan<byte>(_prefix, _prefixOffset, count).CopyTo(destination);
            _prefixOffset += count;
            return count;
        }
    }
}
