using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.ServerSentEvents;
using System.Threading;
using EdgeePS.Errors;
using EdgeePS.Settings;
using EdgeePS.Transport;
using static System.FormattableString;

namespace EdgeePS.Streaming
{
    /// <summary>
    /// An open streamed completion, read one event at a time by whoever owns it. Reads are synchronous, on the
    /// reader's own thread (measured: less delay per chunk than an async read's continuation on the thread pool).
    /// Timeouts and stops abort a read by closing the connection. Dispose closes it at once, whether or not the
    /// stream was read to the end.
    /// </summary>
    internal sealed class ChatCompletionStream : IDisposable
    {
        // After [DONE] the body normally ends at once; reading that end lets the connection be reused.
        private static readonly TimeSpan EndOfBodyWait = TimeSpan.FromSeconds(1);

        private readonly HttpResponseMessage _response;
        private readonly CancellationToken _stop;
        private readonly CancellationTokenSource _readCancellation;
        private readonly CancellationTimer _idleTimer;
        private readonly TimeSpan _idleTimeout;
        private readonly ObservedBody _observedBody;
        private readonly EventSizeGuard _body;
        private readonly StreamEventParser _parser;
        private readonly IEnumerator<SseItem<StreamEvent>> _events;
        private bool _finished;
        private bool _hasPeeked;
        private StreamEvent? _peeked;

        public ChatCompletionStream(
            HttpResponseMessage response,
            Stream body,
            TimeSpan idleTimeout,
            string apiKey,
            CancellationToken stop,
            int maxEventBytes = EdgeeClientOptions.DefaultMaxEventBytes,
            TimeProvider? clock = null)
        {
            clock ??= TimeProvider.System;
            _response = response;
            _stop = stop;
            _idleTimeout = idleTimeout;
            _readCancellation = CancellationTokenSource.CreateLinkedTokenSource(stop);
            _idleTimer = new CancellationTimer(clock, _readCancellation);

            _observedBody = new ObservedBody(body);
            _body = new EventSizeGuard(_observedBody, maxEventBytes);

            // A synchronous read knows no token: closing the connection (and the body) is what ends it.
            _readCancellation.Token.Register(Abort);
            _parser = new StreamEventParser((int)response.StatusCode, GatewayErrorReader.RetryAfter(response.Headers.RetryAfter, clock.GetUtcNow()), apiKey);
            _events = SseParser.Create(_body, ParseEvent).Enumerate().GetEnumerator();
        }

        public int ChunkCount { get; private set; }

        /// <summary>The upstream provider that served the stream (<c>X-Edgee-Provider</c>).</summary>
        public string? Provider { get; set; }

        public bool FallbackUsed { get; set; }

        /// <summary>Told of every read of the body from then on, on the thread that reads it (see <see cref="StreamReadAhead"/>).</summary>
        public IBodyReadObserver? ReadObserver
        {
            set => _observedBody.Observer = value;
        }

        /// <summary>
        /// The next chunk, malformed-event error or gateway error event; null once <c>[DONE]</c> has arrived.
        /// Throws <see cref="EdgeeException"/> when the stream cannot go on (idle timeout, early end) and
        /// <see cref="OperationCanceledException"/> when the caller's stop token fired.
        /// </summary>
        public StreamEvent? Read()
        {
            if (_hasPeeked)
            {
                _hasPeeked = false;
                return _peeked;
            }

            while (!_finished)
            {
                var next = NextEvent(_idleTimeout);
                if (next is null)
                {
                    _finished = true;
                    throw new EdgeeException(
                        EdgeeErrorIds.StreamTruncated,
                        $"The stream ended before [DONE] after {ChunkCount} chunk(s); the response may be incomplete.");
                }

                switch (next.Kind)
                {
                    case StreamEventKind.Empty:
                        continue;
                    case StreamEventKind.Done:
                        _finished = true;
                        ReadEndOfBody();
                        return null;
                    case StreamEventKind.GatewayError:
                        _finished = true;
                        return next;
                    case StreamEventKind.Chunk:
                        ChunkCount++;
                        return next;
                    default:
                        return next;
                }
            }

            return null;
        }

        /// <summary>
        /// Reads the first event ahead, for the client to tell a refusal (an error before any chunk) from an answer
        /// while it can still retry; <see cref="Read"/> returns that event next. Throws as <see cref="Read"/> does.
        /// </summary>
        public StreamEvent? PeekFirstEvent()
        {
            _peeked = Read();
            _hasPeeked = true;
            return _peeked;
        }

        /// <summary>Closes the connection; a read in progress on another thread ends at once. Safe to repeat.</summary>
        public void Dispose()
        {
            // Cancelling runs Abort (registered above). The source is not disposed: a read-ahead worker may still
            // be leaving a read that uses it.
            _readCancellation.Cancel();
            _idleTimer.Dispose();
        }

        private StreamEvent? NextEvent(TimeSpan idleTimeout)
        {
            _idleTimer.Arm(idleTimeout);
            try
            {
                // Data may already be buffered; a stop or timeout must still win over it.
                _readCancellation.Token.ThrowIfCancellationRequested();
                return _events.MoveNext() ? _events.Current.Data : null;
            }
            catch (Exception error) when (!(error is EdgeeException))
            {
                _finished = true;
                throw Classify(error);
            }
            finally
            {
                if (!_readCancellation.IsCancellationRequested)
                {
                    // The caller may take its time with this chunk; that is not the gateway being idle.
                    _idleTimer.Disarm();
                }
            }
        }

        private void ReadEndOfBody()
        {
            try
            {
                while (NextEvent(EndOfBodyWait) != null)
                {
                    // Anything after [DONE] is not part of the answer.
                }
            }
            catch (Exception error) when (error is EdgeeException || error is OperationCanceledException)
            {
                // The answer is complete; a connection that doesn't close cleanly after it costs only its reuse.
            }
        }

        private StreamEvent ParseEvent(string eventType, ReadOnlySpan<byte> data)
        {
            _body.EventCompleted();
            return _parser.Parse(eventType, data, ChunkCount + 1);
        }

        private void Abort()
        {
            _response.Dispose();
            _body.Dispose();
        }

        private Exception Classify(Exception error)
        {
            if (_stop.IsCancellationRequested)
            {
                return new OperationCanceledException(_stop);
            }

            if (_readCancellation.IsCancellationRequested)
            {
                return new EdgeeException(
                    EdgeeErrorIds.StreamIdleTimeout,
                    Invariant($"The stream completed no event for {_idleTimeout.TotalSeconds:0.###} s after {ChunkCount} chunk(s) and was abandoned."),
                    error);
            }

            return new EdgeeException(
                EdgeeErrorIds.StreamTruncated,
                $"The connection was lost after {ChunkCount} chunk(s), before [DONE]: {error.Message}",
                error);
        }
    }
}
