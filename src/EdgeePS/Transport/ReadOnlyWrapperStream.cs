using System;
using System.IO;

namespace EdgeePS.Transport
{
    /// <summary>
    /// What every read-only stream wrapped around a response body has in common; subclasses decide only how
    /// reads pass through. Disposing the wrapper closes the body (and so the connection).
    /// </summary>
    internal abstract class ReadOnlyWrapperStream : Stream
    {
        protected ReadOnlyWrapperStream(Stream inner)
        {
            Inner = inner;
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

        protected Stream Inner { get; }

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
                Inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
