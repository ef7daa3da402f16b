using System;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace EdgeePS.Simulation
{
    /// <summary>
    /// Plays one <see cref="ScriptedResponse"/> onto a connection: the status line and headers with the first write,
    /// each write as one chunk of a chunked body, the closing chunk at the end. Meanwhile it watches the connection,
    /// so a client that leaves mid-script (Ctrl+C, Select-Object -First, a timeout) cancels the script at once.
    /// </summary>
    internal sealed class ResponseExecution
    {
        private const int CombinedWriteLimit = 16 * 1024;
        private static readonly byte[] EndOfLine = { (byte)'\r', (byte)'\n' };
        private static readonly byte[] LastChunk = Encoding.ASCII.GetBytes("0\r\n\r\n");

        // Standalone (not linked, never timed): nothing to dispose, so the watcher may cancel it whenever the client leaves.
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private readonly ScriptedResponse _script;
        private readonly SimulatorConnection _connection;
        private readonly bool _closeAfter;
        private readonly CancellationToken _stopping;
        private bool _headersSent;
        private volatile bool _abortedByServer;
        private volatile bool _completing;

        private ResponseExecution(ScriptedResponse script, SimulatorConnection connection, bool closeAfter, CancellationToken stopping)
        {
            _script = script;
            _connection = connection;
            _closeAfter = closeAfter;
            _stopping = stopping;
        }

        /// <summary>Cancelled when the client goes away or the simulator stops.</summary>
        public CancellationToken Cancellation => _cancellation.Token;

        /// <returns>True when the connection stays open for the next request.</returns>
        public static async Task<bool> PlayAsync(
            ScriptedResponse script, SimulatorConnection connection, RecordedRequest? request, bool closeAfter, CancellationToken stopping)
        {
            var execution = new ResponseExecution(script, connection, closeAfter, stopping);
            using var stoppingRegistration = stopping.Register(execution.Cancel);
            _ = execution.WatchAsync(connection.Reader.PeerClosedAsync(), request);
            try
            {
                foreach (var step in script.Steps)
                {
                    await step(execution).ConfigureAwait(false);
                    if (execution._abortedByServer)
                    {
                        return false;
                    }
                }

                execution._completing = true;
                await execution.CompleteAsync().ConfigureAwait(false);
                return !closeAfter;
            }
            catch (OperationCanceledException) when (execution.Cancellation.IsCancellationRequested)
            {
                // The client left, or the simulator is stopping mid-script: a cut connection tells the truth, a clean end would not.
                execution.AbortConnection();
                return false;
            }
            catch (Exception error) when (error is IOException || error is SocketException || error is ObjectDisposedException)
            {
                if (!execution._abortedByServer && !stopping.IsCancellationRequested)
                {
                    request?.MarkClientDisconnected();
                }

                return false;
            }
            catch (Exception)
            {
                // A signal the test faulted, or a generator that threw: drop the connection, as a failing gateway would.
                execution.AbortConnection();
                return false;
            }
            finally
            {
                request?.MarkResponseFinished();
            }
        }

        public async Task WriteAsync(ArraySegment<byte> bytes)
        {
            var head = _headersSent ? Array.Empty<byte>() : Head();
            _headersSent = true;
            if (bytes.Count == 0 || Bodyless())
            {
                if (head.Length > 0)
                {
                    await _connection.WriteAsync(head, Cancellation).ConfigureAwait(false);
                }

                return;
            }

            var prefix = Concat(head, Encoding.ASCII.GetBytes(bytes.Count.ToString("X", CultureInfo.InvariantCulture) + "\r\n"));
            if (bytes.Count <= CombinedWriteLimit)
            {
                await _connection.WriteAsync(Concat(prefix, bytes, EndOfLine), Cancellation).ConfigureAwait(false);
                return;
            }

            await _connection.WriteAsync(prefix, Cancellation).ConfigureAwait(false);
            await _connection.WriteAsync(bytes, Cancellation).ConfigureAwait(false);
            await _connection.WriteAsync(EndOfLine, Cancellation).ConfigureAwait(false);
        }

        /// <summary>Waits for <paramref name="signal"/>, or ends with <see cref="OperationCanceledException"/> when the script is cancelled.</summary>
        public async Task UntilCancelled(Task signal)
        {
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (Cancellation.Register(() => cancelled.TrySetResult(true)))
            {
                if (await Task.WhenAny(signal, cancelled.Task).ConfigureAwait(false) != signal)
                {
                    throw new OperationCanceledException(Cancellation);
                }
            }

            await signal.ConfigureAwait(false);
        }

        public void AbortConnection()
        {
            _abortedByServer = true;
            _connection.Close();
        }

        private async Task CompleteAsync()
        {
            var head = _headersSent ? Array.Empty<byte>() : Head();
            _headersSent = true;
            await _connection.WriteAsync(Bodyless() ? head : Concat(head, LastChunk), Cancellation).ConfigureAwait(false);
        }

        private async Task WatchAsync(Task<bool> peerClosed, RecordedRequest? request)
        {
            if (!await peerClosed.ConfigureAwait(false) || _abortedByServer || _completing || _stopping.IsCancellationRequested)
            {
                return;
            }

            request?.MarkClientDisconnected();
            Cancel();
        }

        private void Cancel() => _cancellation.Cancel();

        private byte[] Head()
        {
            var head = new StringBuilder()
                .Append("HTTP/1.1 ").Append(_script.StatusCode.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(ReasonPhrase(_script.StatusCode)).Append("\r\n");
            foreach (var header in _script.Headers)
            {
                head.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
            }

            if (!Bodyless())
            {
                head.Append("Transfer-Encoding: chunked\r\n");
            }

            if (_closeAfter)
            {
                head.Append("Connection: close\r\n");
            }

            return Encoding.UTF8.GetBytes(head.Append("\r\n").ToString());
        }

        // These statuses never carry a body, not even an empty chunked one.
        private bool Bodyless() => _script.StatusCode < 200 || _script.StatusCode == 204 || _script.StatusCode == 304;

        private static string ReasonPhrase(int status)
        {
            switch (status)
            {
                case 200: return "OK";
                case 204: return "No Content";
                case 400: return "Bad Request";
                case 401: return "Unauthorized";
                case 403: return "Forbidden";
                case 404: return "Not Found";
                case 405: return "Method Not Allowed";
                case 408: return "Request Timeout";
                case 413: return "Content Too Large";
                case 429: return "Too Many Requests";
                case 431: return "Request Header Fields Too Large";
                case 500: return "Internal Server Error";
                case 502: return "Bad Gateway";
                case 503: return "Service Unavailable";
                case 504: return "Gateway Timeout";
                default: return "Status " + status.ToString(CultureInfo.InvariantCulture);
            }
        }

        private static byte[] Concat(byte[] first, byte[] second) => Concat(first, new ArraySegment<byte>(second), Array.Empty<byte>());

        private static byte[] Concat(byte[] first, ArraySegment<byte> middle, byte[] last)
        {
            var result = new byte[first.Length + middle.Count + last.Length];
            Buffer.BlockCopy(first, 0, result, 0, first.Length);
            Buffer.BlockCopy(middle.Array!, middle.Offset, result, first.Length, middle.Count);
            Buffer.BlockCopy(last, 0, result, first.Length + middle.Count, last.Length);
            return result;
        }
    }
}
