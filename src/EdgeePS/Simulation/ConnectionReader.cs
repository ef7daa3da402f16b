using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace EdgeePS.Simulation
{
    /// <summary>
    /// Reads HTTP/1.1 requests off one connection. At most one read is in flight, and it may be shared: while a
    /// response plays, <see cref="PeerClosedAsync"/> waits on the same read the next request will consume, so a
    /// client that hangs up is noticed at once (the read ends) and bytes it sends early are kept, not lost.
    /// </summary>
    internal sealed class ConnectionReader
    {
        private const int MaximumHeadBytes = 64 * 1024;
        private const int MaximumLineBytes = 8 * 1024;
        private const int MaximumBodyBytes = 64 * 1024 * 1024;
        private static readonly byte[] EndOfHead = { (byte)'\r', (byte)'\n', (byte)'\r', (byte)'\n' };
        private static readonly byte[] EndOfLine = { (byte)'\r', (byte)'\n' };

        private readonly Stream _stream;
        private byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;
        private Task<bool>? _pendingFill;

        public ConnectionReader(Stream stream)
        {
            _stream = stream;
        }

        /// <summary>True once the peer closed or reset the connection; false when it sent bytes instead (kept for the next request).</summary>
        public async Task<bool> PeerClosedAsync() => !await Fill().ConfigureAwait(false);

        /// <summary>The next request's line and headers; null when the peer closed the connection between requests.</summary>
        public async Task<RequestHead?> ReadHeadAsync()
        {
            int headEnd;
            while ((headEnd = IndexOf(EndOfHead)) < 0)
            {
                if (_end - _start >= MaximumHeadBytes)
                {
                    throw new MalformedRequestException(431, "The request head is larger than 64 KiB.");
                }

                if (!await Consume().ConfigureAwait(false))
                {
                    if (_end == _start)
                    {
                        return null;
                    }

                    throw new IOException("The client closed the connection inside a request head.");
                }
            }

            var text = Encoding.UTF8.GetString(_buffer, _start, headEnd - _start);
            _start = headEnd + EndOfHead.Length;
            return Parse(text);
        }

        public async Task<byte[]> ReadBodyAsync(RequestHead head)
        {
            if (head.ChunkedBody)
            {
                return await ReadChunkedBodyAsync().ConfigureAwait(false);
            }

            if (!head.Headers.TryGetValue("Content-Length", out var lengthText))
            {
                return Array.Empty<byte>();
            }

            if (!long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                throw new MalformedRequestException(400, "The Content-Length header is not a number.");
            }

            if (length > MaximumBodyBytes)
            {
                throw new MalformedRequestException(413, "The request body is larger than 64 MiB.");
            }

            return await ReadExactlyAsync((int)length).ConfigureAwait(false);
        }

        private static RequestHead Parse(string text)
        {
            var lines = text.Split(new[] { "\r\n" }, StringSplitOptions.None);
            var requestLine = lines[0].Split(' ');
            if (requestLine.Length != 3 || requestLine[0].Length == 0 || requestLine[1].Length == 0 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
            {
                throw new MalformedRequestException(400, "The request line is not 'METHOD target HTTP/1.x'.");
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var index = 1; index < lines.Length; index++)
            {
                var colon = lines[index].IndexOf(':');
                if (colon <= 0)
                {
                    throw new MalformedRequestException(400, "A header line has no name.");
                }

                var name = lines[index].Substring(0, colon).Trim();
                var value = lines[index].Substring(colon + 1).Trim();
                headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
            }

            return new RequestHead(requestLine[0], requestLine[1], requestLine[2], headers);
        }

        private async Task<byte[]> ReadChunkedBodyAsync()
        {
            var body = new MemoryStream();
            while (true)
            {
                var sizeLine = await ReadLineAsync().ConfigureAwait(false);
                var extension = sizeLine.IndexOf(';');
                var sizeText = (extension < 0 ? sizeLine : sizeLine.Substring(0, extension)).Trim();
                if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
                {
                    throw new MalformedRequestException(400, "A chunk of the request body has no valid size.");
                }

                if (size == 0)
                {
                    // Trailer fields, if any, end with an empty line.
                    while ((await ReadLineAsync().ConfigureAwait(false)).Length > 0)
                    {
                    }

                    return body.ToArray();
                }

                if (body.Length + size > MaximumBodyBytes)
                {
                    throw new MalformedRequestException(413, "The request body is larger than 64 MiB.");
                }

                var chunk = await ReadExactlyAsync(size).ConfigureAwait(false);
                body.Write(chunk, 0, chunk.Length);
                if ((await ReadLineAsync().ConfigureAwait(false)).Length != 0)
                {
                    throw new MalformedRequestException(400, "A chunk of the request body is longer than its size.");
                }
            }
        }

        private async Task<string> ReadLineAsync()
        {
            int lineEnd;
            while ((lineEnd = IndexOf(EndOfLine)) < 0)
            {
                if (_end - _start >= MaximumLineBytes)
                {
                    throw new MalformedRequestException(400, "A line of the request body's framing is too long.");
                }

                if (!await Consume().ConfigureAwait(false))
                {
                    throw new IOException("The client closed the connection inside a request body.");
                }
            }

            var line = Encoding.ASCII.GetString(_buffer, _start, lineEnd - _start);
            _start = lineEnd + EndOfLine.Length;
            return line;
        }

        private async Task<byte[]> ReadExactlyAsync(int count)
        {
            var result = new byte[count];
            var have = Math.Min(count, _end - _start);
            Buffer.BlockCopy(_buffer, _start, result, 0, have);
            _start += have;
            while (have < count)
            {
                if (_pendingFill != null && !await Consume().ConfigureAwait(false))
                {
                    throw new IOException("The client closed the connection inside a request body.");
                }

                if (_end > _start)
                {
                    var buffered = Math.Min(count - have, _end - _start);
                    Buffer.BlockCopy(_buffer, _start, result, have, buffered);
                    _start += buffered;
                    have += buffered;
                    continue;
                }

                var read = await _stream.ReadAsync(result, have, count - have).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException("The client closed the connection inside a request body.");
                }

                have += read;
            }

            return result;
        }

        private int IndexOf(byte[] pattern)
        {
            var found = _buffer.AsSpan(_start, _end - _start).IndexOf(pattern);
            return found < 0 ? -1 : _start + found;
        }

        /// <summary>Waits for the read in flight (starting one if none is) and takes its bytes; false when the peer closed.</summary>
        private async Task<bool> Consume()
        {
            var received = await Fill().ConfigureAwait(false);
            _pendingFill = null;
            return received;
        }

        private Task<bool> Fill() => _pendingFill ?? (_pendingFill = FillCoreAsync());

        private async Task<bool> FillCoreAsync()
        {
            if (_start == _end)
            {
                _start = _end = 0;
            }
            else if (_end == _buffer.Length)
            {
                var unread = _end - _start;
                var target = unread > _buffer.Length / 2 ? new byte[_buffer.Length * 2] : _buffer;
                Buffer.BlockCopy(_buffer, _start, target, 0, unread);
                _buffer = target;
                _start = 0;
                _end = unread;
            }

            int read;
            try
            {
                read = await _stream.ReadAsync(_buffer, _end, _buffer.Length - _end).ConfigureAwait(false);
            }
            catch (Exception error) when (error is IOException || error is SocketException || error is ObjectDisposedException)
            {
                // A reset or our own close: either way nothing more will come.
                read = 0;
            }

            _end += read;
            return read > 0;
        }
    }
}
