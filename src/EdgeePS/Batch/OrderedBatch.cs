using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace EdgeePS.Batch
{
    /// <summary>
    /// Runs work items with at most <see cref="Limit"/> of them at once and hands their results back in the order the
    /// items were added, each as soon as its turn comes. The caller (a cmdlet's pipeline thread) adds items and takes
    /// results; the work runs on threads of the batch's own, never the caller's, so blocking network calls cannot
    /// starve the thread pool (which the simulator and the HTTP stack also need) and cannot touch the pipeline.
    /// A failed item's exception is thrown at its turn, by <see cref="TryTake"/> or <see cref="Take"/>. Disposing
    /// cancels every item still running and waits, briefly, for their threads to let go of their connections.
    /// </summary>
    internal sealed class OrderedBatch<T> : IDisposable
    {
        // Long enough for a cancelled request to close its socket; short enough that a stuck one cannot hang a stop.
        private static readonly TimeSpan DisposeGrace = TimeSpan.FromSeconds(2);

        private readonly object _lock = new object();
        private readonly Queue<Item> _waiting = new Queue<Item>();
        private readonly Dictionary<int, Outcome> _finished = new Dictionary<int, Outcome>();
        private readonly List<Thread> _workers = new List<Thread>();
        private readonly CancellationTokenSource _cancel;
        private readonly CancellationToken _cancelled;
        private readonly CancellationTokenRegistration _wakeOnCancel;
        private int _added;
        private int _taken;
        private int _inFlight;
        private bool _complete;
        private bool _disposed;

        /// <param name="limit">The most items running at once, at least 1.</param>
        /// <param name="stop">Ctrl+C: cancels every item, and wakes a caller waiting in <see cref="Take"/>.</param>
        public OrderedBatch(int limit, CancellationToken stop)
        {
            if (limit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), limit, "A batch runs at least one item at a time.");
            }

            Limit = limit;
            _cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);
            _cancelled = _cancel.Token;
            _wakeOnCancel = _cancelled.Register(WakeAll);
        }

        public int Limit { get; }

        /// <summary>The most items that were running at the same moment.</summary>
        public int PeakInFlight { get; private set; }

        /// <summary>Items added whose results have not been taken yet: running, waiting to run, or waiting for their turn.</summary>
        public int Outstanding
        {
            get
            {
                lock (_lock)
                {
                    return _added - _taken;
                }
            }
        }

        /// <summary>
        /// Adds an item; it starts as soon as fewer than <see cref="Limit"/> run. <paramref name="work"/> is given how
        /// many items run counting itself, and a token that fires on Ctrl+C or when the batch is disposed.
        /// </summary>
        public void Add(Func<int, CancellationToken, T> work)
        {
            lock (_lock)
            {
                ThrowIfClosed();
                _waiting.Enqueue(new Item(_added++, work));
                if (_workers.Count < Limit && _workers.Count < _waiting.Count + _inFlight)
                {
                    var worker = new Thread(Work) { IsBackground = true, Name = "EdgeePS batch" };
                    _workers.Add(worker);
                    worker.Start();
                }

                Monitor.PulseAll(_lock);
            }
        }

        /// <summary>Adds a result that needs no work (an input that failed before anything was sent): it is taken at its turn.</summary>
        public void AddFinished(T result)
        {
            lock (_lock)
            {
                ThrowIfClosed();
                _finished.Add(_added++, new Outcome(result, null));
                Monitor.PulseAll(_lock);
            }
        }

        /// <summary>No more items: once the last has run, the threads end.</summary>
        public void Complete()
        {
            lock (_lock)
            {
                _complete = true;
                Monitor.PulseAll(_lock);
            }
        }

        /// <summary>The next result in order if it is ready; false at once if it is not (or none is left).</summary>
    /// <exception cref="OperationCanceledException">Ctrl+C, or the batch was disposed.</exception>
        public bool TryTake(out T result) => TakeNext(wait: false, out result);

        /// <summary>The next result in order, waiting for it; false when every item's result has been taken.</summary>
        /// <exception cref="OperationCanceledException">Ctrl+C, or the batch was disposed, while waiting.</exception>
        public bool Take(out T result) => TakeNext(wait: true, out result);

        public void Dispose()
        {
            Thread[] workers;
            lock (_lock)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                workers = _workers.ToArray();
            }

            _cancel.Cancel();
            var grace = Stopwatch.StartNew();
            var allEnded = true;
            foreach (var worker in workers)
            {
                var left = DisposeGrace - grace.Elapsed;
                allEnded &= left > TimeSpan.Zero && worker.Join(left);
            }

            // A thread still leaving its request may yet look at the token: then the source is left to the collector.
            if (allEnded)
            {
                _wakeOnCancel.Dispose();
                _cancel.Dispose();
            }
        }

        private bool TakeNext(bool wait, out T result)
        {
            Outcome outcome;
            lock (_lock)
            {
                while (true)
                {
                    // A stopped batch hands nothing more out, not even what finished: the stop is the answer.
                    _cancelled.ThrowIfCancellationRequested();
                    if (_finished.TryGetValue(_taken, out outcome))
                    {
                        _finished.Remove(_taken++);
                        break;
                    }

                    if (_taken == _added || !wait)
                    {
                        result = default!;
                        return false;
                    }

                    Monitor.Wait(_lock);
                }
            }

            outcome.Error?.Throw();
            result = outcome.Result!;
            return true;
        }

        private void Work()
        {
            var token = _cancelled;
            while (true)
            {
                Item item;
                int running;
                lock (_lock)
                {
                    while (_waiting.Count == 0 && !_complete && !token.IsCancellationRequested)
                    {
                        Monitor.Wait(_lock);
                    }

                    if (_waiting.Count == 0 || token.IsCancellationRequested)
                    {
                        return;
                    }

                    item = _waiting.Dequeue();
                    running = ++_inFlight;
                    PeakInFlight = Math.Max(PeakInFlight, running);
                }

                Outcome outcome;
                try
                {
                    outcome = new Outcome(item.Work(running, token), null);
                }
                catch (Exception error)
                {
                    outcome = new Outcome(default, ExceptionDispatchInfo.Capture(error));
                }

                lock (_lock)
                {
                    _inFlight--;
                    _finished.Add(item.Index, outcome);
                    Monitor.PulseAll(_lock);
                }
            }
        }

        private void WakeAll()
        {
            lock (_lock)
            {
                Monitor.PulseAll(_lock);
            }
        }

        private void ThrowIfClosed()
        {
            if (_disposed || _complete)
            {
                throw new InvalidOperationException("The batch takes no more items.");
            }
        }

        private readonly struct Item
        {
            public Item(int index, Func<int, CancellationToken, T> work)
            {
                Index = index;
                Work = work;
            }

            public int Index { get; }

            public Func<int, CancellationToken, T> Work { get; }
        }

        private readonly struct Outcome
        {
            public Outcome(T? result, ExceptionDispatchInfo? error)
            {
                Result = result;
                Error = error;
            }

            public T? Result { get; }

            public ExceptionDispatchInfo? Error { get; }
        }
    }
}
