using System;
using System.Threading;

namespace EdgeePS.Transport
{
    /// <summary>
    /// Cancels a token source once a timeout passes on a clock: armed before each wait, disarmed after it. The clock
    /// is a <see cref="TimeProvider"/>, so tests move time instead of waiting for it.
    /// </summary>
    internal sealed class CancellationTimer : IDisposable
    {
        private readonly ITimer _timer;

        public CancellationTimer(TimeProvider clock, CancellationTokenSource source)
        {
            _timer = clock.CreateTimer(Cancel, source, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        /// <summary>Restarts the countdown; <see cref="Timeout.InfiniteTimeSpan"/> waits without limit.</summary>
        public void Arm(TimeSpan timeout) => Change(timeout);

        public void Disarm() => Change(Timeout.InfiniteTimeSpan);

        public void Dispose() => _timer.Dispose();

        private void Change(TimeSpan dueTime)
        {
            try
            {
                _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Disposed under a reader that was still leaving its read: that wait is over anyway.
            }
        }

        private static void Cancel(object? state)
        {
            try
            {
                ((CancellationTokenSource)state!).Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The wait ended and its source was disposed as the timer fired: nothing is left to cancel.
            }
        }
    }
}
