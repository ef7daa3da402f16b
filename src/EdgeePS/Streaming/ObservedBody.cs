using System;
using System.IO;
using EdgeePS.Transport;

namespace EdgeePS.Streaming
{
    /// <summary>A response body that tells an <see cref="IBodyReadObserver"/> of every read made of it.</summary>
    internal sealed class ObservedBody : ReadOnlyWrapperStream
    {
        public ObservedBody(Stream inner)
            : base(inner)
        {
        }

        public IBodyReadObserver? Observer { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Observer?.BeforeRead();
            var read = Inner.Read(buffer, offset, count);
            Observer?.AfterRead(count, read);
            return read;
        }

#if NET
        // The parser reads into spans; without this the base class would copy every read through a rented array.
        public override int Read(Span<byte> buffer)
        {
            Observer?.BeforeRead();
            var read = Inner.Read(buffer);
            Observer?.AfterRead(buffer.Length, read);
            return read;
        }
#endif
    }
}
