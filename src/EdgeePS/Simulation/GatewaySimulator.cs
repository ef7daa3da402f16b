using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace EdgeePS.Simulation
{
    /// <summary>
    /// A local stand-in for the Edgee gateway: a small HTTP/1.1 server on 127.0.0.1 (a free port) that runs on pool
    /// threads and never needs the caller's. Each chat completion request takes the answer a test scripted
    /// (<see cref="Route"/> first, then the <see cref="Enqueue(ScriptedResponse)"/> queue, first in, first out);
    /// anything unscripted gets the <see cref="DefaultGateway"/> answer.
    /// </summary>
    internal sealed class GatewaySimulator : IAsyncDisposable, IDisposable
    {
        private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);
        private static int _connectionCount;

        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly object _gate = new object();
        private readonly List<RecordedRequest> _requests = new List<RecordedRequest>();
        private readonly Queue<Func<RecordedRequest, ScriptedResponse>> _queue = new Queue<Func<RecordedRequest, ScriptedResponse>>();
        private readonly Dictionary<int, TaskCompletionSource<RecordedRequest>> _waiters = new Dictionary<int, TaskCompletionSource<RecordedRequest>>();
        private readonly Dictionary<SimulatorConnection, Task> _connections = new Dictionary<SimulatorConnection, Task>();
        private readonly Task _acceptLoop;
        private Func<RecordedRequest, ScriptedResponse?>? _responder;
        private int _disposed;

        private GatewaySimulator()
        {
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            // Port 0 asked the OS for a free port; the listener knows which one it got.
            var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            BaseUrl = new Uri("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) + "/");
            _acceptLoop = Task.Run(AcceptAsync);
        }

        /// <summary>Scheme, host and port (a Uri prints with a trailing "/"); clients append <c>/v1/...</c>.</summary>
        public Uri BaseUrl { get; }

        public bool IsRunning => Volatile.Read(ref _disposed) == 0;

        /// <summary>A snapshot of every request so far, chat or not, in arrival order.</summary>
        public IReadOnlyList<RecordedRequest> Requests
        {
            get
            {
                lock (_gate)
                {
                    return _requests.ToArray();
                }
            }
        }

        /// <summary>Scripted answers not yet taken by a request.</summary>
        public int PendingResponses
        {
            get
            {
                lock (_gate)
                {
                    return _queue.Count;
                }
            }
        }

        public static GatewaySimulator Start() => new GatewaySimulator();

        /// <summary>Starts listening before it returns; asynchronous only to read well beside the tests' other awaits.</summary>
        public static Task<GatewaySimulator> StartAsync(CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(Start());
        }

        /// <summary>Queues the response for the next chat completion request that <see cref="Route"/> does not answer.</summary>
        public void Enqueue(ScriptedResponse response)
        {
            if (response is null)
            {
                throw new ArgumentNullException(nameof(response));
            }

            Enqueue(_ => response);
        }

        /// <summary>Queues an answer made for the request that takes it (streamed or whole, with usage or not).</summary>
        public void Enqueue(Func<RecordedRequest, ScriptedResponse> respond)
        {
            if (respond is null)
            {
                throw new ArgumentNullException(nameof(respond));
            }

            lock (_gate)
            {
                _queue.Enqueue(respond);
            }
        }

        /// <summary>
        /// Asked first for every chat completion request; a non-null answer wins over the queue. Lets parallel tests
        /// choose a response by request content. Null removes the responder.
        /// </summary>
        public void Route(Func<RecordedRequest, ScriptedResponse?>? responder)
        {
            lock (_gate)
            {
                _responder = responder;
            }
        }

        /// <summary>Completes when request number <paramref name="index"/> (0-based) has arrived; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
        public Task<RecordedRequest> WaitForRequestAsync(int index, TimeSpan timeout)
        {
            if (index < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(index), "A request index cannot be negative.");
            }

            TaskCompletionSource<RecordedRequest>? waiter;
            lock (_gate)
            {
                if (index < _requests.Count)
                {
                    return Task.FromResult(_requests[index]);
                }

                if (!_waiters.TryGetValue(index, out waiter))
                {
                    waiter = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
                    _waiters.Add(index, waiter);
                }
            }

            return WithTimeout(waiter.Task, timeout, index);
        }

        /// <summary>
        /// Stops listening and cuts every open connection (a client mid-stream sees its stream end early, as it would
        /// if a real gateway went away). Waits briefly for the connections' work to end.
        /// </summary>
        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            _stopping.Cancel();
            _listener.Stop();
            Task[] running;
            lock (_gate)
            {
                foreach (var connection in _connections.Keys)
                {
                    connection.Close();
                }

                running = _connections.Values.Concat(new[] { _acceptLoop }).ToArray();
                foreach (var waiter in _waiters.Values)
                {
                    waiter.TrySetException(new ObjectDisposedException(nameof(GatewaySimulator)));
                }

                _waiters.Clear();
            }

            await Task.WhenAny(Task.WhenAll(running), Task.Delay(ShutdownGrace)).ConfigureAwait(false);
        }

        public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

        private static async Task<RecordedRequest> WithTimeout(Task<RecordedRequest> arrival, TimeSpan timeout, int index)
        {
            if (await Task.WhenAny(arrival, Task.Delay(timeout)).ConfigureAwait(false) != arrival)
            {
                throw new TimeoutException($"Request {index} did not arrive within {timeout}.");
            }

            return await arrival.ConfigureAwait(false);
        }

        private async Task AcceptAsync()
        {
            while (true)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception error) when (error is SocketException || error is ObjectDisposedException || error is InvalidOperationException)
                {
                    // Stopped: the listener no longer accepts.
                    return;
                }

                var connection = new SimulatorConnection(client, Interlocked.Increment(ref _connectionCount).ToString(CultureInfo.InvariantCulture));
                lock (_gate)
                {
                    if (_stopping.IsCancellationRequested)
                    {
                        connection.Close();
                        return;
                    }

                    _connections.Add(connection, Task.Run(() => ServeAsync(connection)));
                }
            }
        }

        private async Task ServeAsync(SimulatorConnection connection)
        {
            try
            {
                await connection.ServeAsync(Answer, _stopping.Token).ConfigureAwait(false);
            }
            finally
            {
                lock (_gate)
                {
                    _connections.Remove(connection);
                }
            }
        }

        /// <summary>
        /// Records the request and picks its response under one lock, so that with concurrent requests the n-th
        /// recorded chat request is the one that took the n-th queued response.
        /// </summary>
        private ScriptedResponse Answer(RecordedRequest request)
        {
            var unscripted = DefaultGateway.Refusal(request);
            Func<RecordedRequest, ScriptedResponse>? scripted = null;
            ScriptedResponse? routed = null;
            TaskCompletionSource<RecordedRequest>? waiter;
            lock (_gate)
            {
                var index = _requests.Count;
                _requests.Add(request);
                if (_waiters.TryGetValue(index, out waiter))
                {
                    _waiters.Remove(index);
                }

                try
                {
                    if (unscripted is null && DefaultGateway.IsChatCompletion(request))
                    {
                        routed = _responder?.Invoke(request);
                        if (routed is null && _queue.Count > 0)
                        {
                            scripted = _queue.Dequeue();
                        }
                    }
                }
                finally
                {
                    waiter?.TrySetResult(request);
                }
            }

            return unscripted ?? routed ?? scripted?.Invoke(request) ?? DefaultGateway.Respond(request);
        }
    }
}
