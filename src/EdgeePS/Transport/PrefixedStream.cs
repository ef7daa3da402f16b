using System;
using System.IO;

namespace EdgeePS.Transport
{
    /// <summary>
    /// A response body whose first bytes were already read (to learn that the stream really started before
    /// giving up the chance to retry), put back in front of the rest.
    /// </summary>
    internal sealed class PrefixedStream : ReadOnlyWrapperStream
    {
        private readonly byte[] _prefix;
        private int _prefixOffset;

        public PrefixedStream(byte[] prefix, Stream rest)
            : base(rest)
        {
            _prefix = prefix;
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            _prefixOffset < _prefix.Length ? ReadPrefix(new Span<byte>(buffer, offset, count)) : Inner.Read(buffer, offset, count);

#if NET
        // The parser reads into spans; without this the base class would copy every read through a rented array.
        public override int Read(Span<byte> buffer) => _prefixOffset < _prefix.Length ? ReadPrefix(buffer) : Inner.Read(buffer);
#endif

        private int ReadPrefix(Span<byte> destination)
        {
            var count = Math.Min(destination.Length, _prefix.Length - _prefixOffset);
            new ReadOnlySpan<byte>(_prefix, _prefixOffset, count).CopyTo(destination);
            _prefixOffset += count;
            return count;
        }
    }
}
