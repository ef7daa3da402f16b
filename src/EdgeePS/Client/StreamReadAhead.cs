using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace EdgeePS.Client
{
    /// <summary>
    /// Reads and parses a stream's events on a worker while the caller's thread consumes the ones already parsed,
    /// so HTTP, SSE and JSON work hides behind the PowerShell pipeline's own cost. The hand-off is bounded (memory
    /// stays flat however slow the consumer), keeps events and faults in order, and Dispose ends the worker before
    /// it returns: no reader outlives the command, whether it finished, was stopped, or was cut short downstream.
    /// </summary>
    internal sealed class StreamReadAhead : IDisposable
    {
        // Enough to ride out a slow pipeline step; small enough that memory stays flat.
        private const int Capacity = 512;

        // The worker is woken only when the buffer has drained this far, so a slow consumer costs one wake-up
        // per half buffer rather than one per event.
        private const int ResumeAt = Capacity / 2;

        private static readonly TimeSpan WorkerExitWait = TimeSpan.FromSeconds(5);

        private readonly ChatCompletionStream _stream;
        private readonly Queue<StreamEvent> _ready = new Queue<StreamEvent>(Capacity);
        private readonly object _gate = new object();
        private readonly SemaphoreSlim _spaceFreed = new SemaphoreSlim(0);
        private readonly Task _worker;
        private bool _workerWaitingForSpace;
        private bool _workerFinished;
        private Exception? _failure;
        private bool _disposed;

        public StreamReadAhead(ChatCompletionStream stream)
        {
            _stream = stream;
            _worker = Task.Run(ReadAllAsync);
        }

        /// <summary>
        /// The next event, waiting for one if none is parsed yet; null after <c>[DONE]</c>. A fault that ended the
        /// stream is thrown here, after every event that came before it.
        /// </summary>
        public StreamEvent? Take()
        {
            lock (_gate)
            {
                while (_ready.Count == 0 && !_workerFinished)
                {
                    Monitor.Wait(_gate);
                }

                if (_ready.Count > 0)
                {
                    var next = _ready.Dequeue();
                    if (_workerWaitingForSpace && _ready.Count <= ResumeAt)
                    {
                        _workerWaitingForSpace = false;
                        _spaceFreed.Release();
                    }

                    return next;
                }
            }

            if (_failure != null)
            {
                ExceptionDispatchInfo.Capture(_failure).Throw();
            }

            return null;
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;

            // Aborting the response ends a pending read at once; a worker parked on a full buffer is let go.
            _stream.Dispose();
            lock (_gate)
            {
                if (_workerWaitingForSpace)
                {
                    _workerWaitingForSpace = false;
                    _spaceFreed.Release();
                }
            }

            _worker.Wait(WorkerExitWait);
        }

        private async Task ReadAllAsync()
        {
            try
            {
                while (await _stream.ReadAsync().ConfigureAwait(false) is StreamEvent next)
                {
                    bool bufferFull;
                    lock (_gate)
                    {
                        _ready.Enqueue(next);
                        if (_ready.Count == 1)
                        {
                            Monitor.Pulse(_gate);
                        }

                        bufferFull = _workerWaitingForSpace = _ready.Count >= Capacity;
                    }

                    if (bufferFull)
                    {
                        await _spaceFreed.WaitAsync().ConfigureAwait(false);
                        if (_disposed)
                        {
                            return;
                        }
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
                    _workerFinished = true;
                    Monitor.Pulse(_gate);
                }
            }
        }
    }
}
