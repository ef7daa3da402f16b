using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace EdgeePS.Streaming
{
    /// <summary>
    /// Reads and parses a stream's events on a worker thread while the caller's thread consumes the ones already
    /// parsed, so HTTP, SSE and JSON work hides behind the PowerShell pipeline's own cost. The hand-off is bounded
    /// (memory stays flat however slow the consumer), keeps events and faults in order, and Dispose ends the worker
    /// before it returns: no reader outlives the command, whether it finished, was stopped, or was cut short.
    /// The worker is a thread of its own, not the thread pool's: it blocks in reads for as long as the stream
    /// lasts, and dozens of parallel streams must not starve the pool.
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
        private Thread? _worker;
        private bool _workerWaitingForSpace;
        private bool _workerFinished;
        private bool _answerBegun;
        private Exception? _failure;
        private bool _disposed;

        public StreamReadAhead(ChatCompletionStream stream) => _stream = stream;

        /// <summary>
        /// The next event, waiting for one if none is parsed yet; null after <c>[DONE]</c>. A fault that ended the
        /// stream is thrown here, after every event that came before it.
        /// </summary>
        public StreamEvent? Take()
        {
            if (!_answerBegun)
            {
                return TakeInline();
            }

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
                        Monitor.PulseAll(_gate);
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

        /// <summary>
        /// Until the answer has begun, events are read on the caller's thread: the first ones are usually in hand
        /// already (read before the stream was handed over), so the first words wait for no thread to start.
        /// </summary>
        private StreamEvent? TakeInline()
        {
            StreamEvent? next;
            try
            {
                next = _stream.Read();
            }
            catch
            {
                _answerBegun = _workerFinished = true;
                throw;
            }

            if (next is null)
            {
                _answerBegun = _workerFinished = true;
            }
            else if (BeginsTheAnswer(next))
            {
                _answerBegun = true;
                _worker = new Thread(ReadAll) { IsBackground = true, Name = "EdgeePS stream reader" };
                _worker.Start();
            }

            return next;
        }

        // A role-only opening chunk does not; text, reasoning, a tool call, a usage chunk or an error does.
        private static bool BeginsTheAnswer(StreamEvent next) =>
            !(next.Chunk is StreamChunk chunk)
            || chunk.Text.Length > 0
            || chunk.Reasoning.Length > 0
            || chunk.Choices.Count == 0
            || chunk.Choices[0].Delta?.ToolCalls != null;

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            // Closing the connection ends a pending read at once; a worker parked on a full buffer is let go.
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

        private void ReadAll()
        {
            try
            {
                while (_stream.Read() is StreamEvent next)
                {
                    lock (_gate)
                    {
                        _ready.Enqueue(next);
                        if (_ready.Count == 1)
                        {
                            Monitor.PulseAll(_gate);
                        }

                        if (_ready.Count >= Capacity)
                        {
                            _workerWaitingForSpace = true;
                            while (_workerWaitingForSpace && !_disposed)
                            {
                                Monitor.Wait(_gate);
                            }
                        }

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
                    Monitor.PulseAll(_gate);
                }
            }
        }
    }
}
