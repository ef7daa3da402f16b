using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace EdgeePS.Simulation
{
    /// <summary>
    /// One client connection: reads requests one after another (keep-alive), asks the simulator for each answer and
    /// plays it, until either side closes.
    /// </summary>
    internal sealed class SimulatorConnection
    {
        private readonly TcpClient _client;
        private readonly NetworkStream _stream;
        private int _closed;

        public SimulatorConnection(TcpClient client, string id)
        {
            _client = client;
            // Every scripted write must leave at once: tests split bodies byte by byte and time each piece.
            _client.NoDelay = true;
            _stream = client.GetStream();
            Reader = new ConnectionReader(_stream);
            Id = id;
        }

        public string Id { get; }

        public ConnectionReader Reader { get; }

        public async Task ServeAsync(Func<RecordedRequest, ScriptedResponse> answer, CancellationToken stopping)
        {
            try
            {
                while (!stopping.IsCancellationRequested)
                {
                    RecordedRequest request;
                    bool keepAlive;
                    try
                    {
                        var head = await Reader.ReadHeadAsync().ConfigureAwait(false);
                        if (head is null)
                        {
                            return;
                        }

                        if (head.ExpectsContinue)
                        {
                            await WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 100 Continue\r\n\r\n"), stopping).ConfigureAwait(false);
                        }

                        var body = await Reader.ReadBodyAsync(head).ConfigureAwait(false);
                        request = new RecordedRequest(head.Method, head.Target, Encoding.UTF8.GetString(body), head.Headers, Id);
                        keepAlive = head.KeepAlive;
                    }
                    catch (MalformedRequestException malformed)
                    {
                        await ResponseExecution.PlayAsync(
                            ScriptedResponse.Status(malformed.Status).Header("Content-Type", "text/plain").Write(malformed.Message),
                            this, null, closeAfter: true, stopping).ConfigureAwait(false);
                        return;
                    }

                    ScriptedResponse script;
                    try
                    {
                        script = answer(request);
                    }
                    catch
                    {
                        // A test's responder failed: the client sees the connection drop, as it would with a crashed gateway.
                        request.MarkResponseFinished();
                        return;
                    }

                    if (!await ResponseExecution.PlayAsync(script, this, request, !keepAlive, stopping).ConfigureAwait(false))
                    {
                        return;
                    }
                }
            }
            catch (Exception error) when (error is IOException || error is SocketException || error is ObjectDisposedException)
            {
                // The client went away between requests, or the simulator is stopping.
            }
            finally
            {
                Close();
            }
        }

        public Task WriteAsync(byte[] bytes, CancellationToken cancellation) => _stream.WriteAsync(bytes, 0, bytes.Length, cancellation);

        public Task WriteAsync(ArraySegment<byte> bytes, CancellationToken cancellation) =>
            _stream.WriteAsync(bytes.Array!, bytes.Offset, bytes.Count, cancellation);

        /// <summary>Closes the socket: pending reads and writes on it end at once. Safe to call from any thread, more than once.</summary>
        public void Close()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 1)
            {
                return;
            }

            try
            {
                _client.Client.Shutdown(SocketShutdown.Both);
            }
            catch (Exception error) when (error is SocketException || error is ObjectDisposedException)
            {
                // Already reset by the client.
            }

            _client.Dispose();
        }
    }
}
