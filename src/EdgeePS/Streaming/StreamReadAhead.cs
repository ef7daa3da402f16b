using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace EdgeePS.Streaming
{
    /// <summary>
    /// Hands a stream's events to the caller (the pipeline thread) in order, faults after the events that came before
    /// them. While the stream keeps the caller waiting, as a model's tokens do, each event is read on the caller's own
    /// thread the moment it is asked for: nothing stands between the socket and the pipeline, no thread to start, no
    /// hand-off to wait for. Once the data outpaces the caller (reads come back full: more was already waiting), a
    /// reader thread of its own takes over and parses ahead while the caller consumes, so HTTP, SSE and JSON work hides
    /// behind the pipeline's own cost. That hand-off is bounded (memory stays flat however slow the consumer), and
    /// batched: the reader hands over what it parsed before each read that may wait, or every few dozen events, and
    /// the caller takes all that is ready at once, so a chunk costs neither side a lock or a wake-up of its own.
    /// Dispose ends the reader before it returns: no reader outlives the command, whether it finished, was stopped, or
    /// was cut short. The reader is a thread of its own, not the thread pool's: it blocks in reads for as long as the
    /// stream lasts, and dozens of parallel streams must not starve the pool.
    /// </summary>
    internal sealed class StreamReadAhead : IDisposable, IBodyReadObserver
    {
        // Events the reader may have handed over and not yet taken before it waits: enough to ride out a slow
        // pipeline step, small enough that memory stays flat.
        private const int Capacity = 512;

        // The most the reader parses before it hands over, when the data keeps it from ever waiting.
        private const int BatchLimit = 32;

        // Reads that come back full, in a row, before the reader thread takes over: one can be a large event.
        private const int FullReadsToReadAhead = 2;

        private static readonly TimeSpan WorkerExitWait = TimeSpan.FromSeconds(5);

        private readonly ChatCompletionStream _stream;
        private readonly object _gate = new object();

        // The reader's own, unlocked: what it parsed and has not handed over yet.
        private readonly List<StreamEvent> _parsed = new List<StreamEvent>(BatchLimit);

        // Handed over by the reader, under _gate; swapped whole with _taking by the caller.
        private Queue<StreamEvent> _ready = new Queue<StreamEvent>();

        // The caller's own, unlocked: taken from the reader, not yet returned.
        private Queue<StreamEvent> _taking = new Queue<StreamEvent>();

        private Thread? _worker;
        private int _fullReadsInARow;
        private bool _outpaced;
        private bool _inlineFinished;
        private bool _callerWaiting;
        private bool _workerWaitingForSpace;
        private bool _roomRunningOut;
        private bool _workerFinished;
        private Exception? _failure;
        private bool _disposed;

        public StreamReadAhead(ChatCompletionStream stream)
        {
            _stream = stream;
            stream.ReadObserver = this;
        }

        /// <summary>
        /// The next event, waiting for one if none is parsed yet; null after <c>[DONE]</c>. A fault that ended the
        /// stream is thrown here, after every event that came before it.
        /// </summary>
        public StreamEvent? Take()
        {
            if (_worker is null)
            {
                if (!_outpaced || _inlineFinished)
                {
                    return TakeInline();
                }

                _worker = new Thread(ReadAll) { IsBackground = true, Name = "EdgeePS stream reader" };
                _worker.Start();
            }

            return TakeReadAhead();
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            // Closing the connection ends a pending read at once; a reader parked on a full hand-off is let go.
            _stream.Dispose();
            lock (_gate)
            {
                _disposed = true;
                Monitor.PulseAll(_gate);
            }

            if (_worker?.IsAlive == true)
            {
                _worker.Join(WorkerExitWait);
            }
        }

        void IBodyReadObserver.BeforeRead()
        {
            // On the reader thread: what it parsed goes to the caller before a read that may wait for the network.
            // It never waits for room here, inside a read, where the stream's idle timer runs.
            if (_worker != null && _parsed.Count > 0)
            {
                lock (_gate)
                {
                    HandOverParsed();
                    _roomRunningOut = _ready.Count >= Capacity;
                }
            }
        }

        void IBodyReadObserver.AfterRead(int offered, int received)
        {
            if (_worker is null)
            {
                _fullReadsInARow = received > 0 && received == offered ? _fullReadsInARow + 1 : 0;
                _outpaced |= _fullReadsInARow >= FullReadsToReadAhead;
            }
        }

        private StreamEvent? TakeInline()
        {
            if (_inlineFinished)
            {
                return null;
            }

            try
            {
                var next = _stream.Read();
                _inlineFinished = next is null;
                return next;
            }
            catch
            {
                _inlineFinished = true;
                throw;
            }
        }

        private StreamEvent? TakeReadAhead()
        {
            if (_taking.Count == 0)
            {
                lock (_gate)
                {
                    while (_ready.Count == 0 && !_workerFinished)
                    {
                        _callerWaiting = true;
                        Monitor.Wait(_gate);
                    }

                    _callerWaiting = false;
                    var taken = _ready;
                    _ready = _taking;
                    _taking = taken;
                    if (_workerWaitingForSpace)
                    {
                        _workerWaitingForSpace = false;
                        Monitor.PulseAll(_gate);
                    }
                }
            }

            if (_taking.Count > 0)
            {
                return _taking.Dequeue();
            }

            if (_failure != null)
            {
                ExceptionDispatchInfo.Capture(_failure).Throw();
            }

            return null;
        }

        private void ReadAll()
        {
            try
            {
                while (_stream.Read() is StreamEvent next)
                {
                    _parsed.Add(next);
                    if ((_parsed.Count >= BatchLimit || _roomRunningOut) && !HandOverAndWaitForRoom())
                    {
                        return;
                    }
                }
            }
            catch (Exception error)
            {
                _failure = error;
            }
            finally
            {
                lock (_gate)
                {
                    HandOverParsed();
                    _workerFinished = true;
                    Monitor.PulseAll(_gate);
                }
            }
        }

        /// <summary>Between reads, where waiting is not the gateway being idle: hands over, then waits while the caller is far behind. False once disposed.</summary>
        private bool HandOverAndWaitForRoom()
        {
            lock (_gate)
            {
                HandOverParsed();
                while (_ready.Count >= Capacity && !_disposed)
                {
                    _workerWaitingForSpace = true;
                    Monitor.Wait(_gate);
                }

                _roomRunningOut = false;
                return !_disposed;
            }
        }

        // Under _gate.
        private void HandOverParsed()
        {
            foreach (var parsed in _parsed)
            {
                _ready.Enqueue(parsed);
            }

            _parsed.Clear();
            if (_callerWaiting)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }
}
