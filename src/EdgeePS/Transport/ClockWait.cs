using System;
using System.Threading;
using System.Threading.Tasks;

namespace EdgeePS.Transport
{
    /// <summary>A blocking wait on a <see cref="TimeProvider"/>, so that a retry's pause is measured on the injected clock.</summary>
    internal static class ClockWait
    {
        /// <summary>Returns once <paramref name="wait"/> has passed; Ctrl+C (the token) ends it at once with OperationCanceledException.</summary>
        public static void Sleep(TimeProvider clock, TimeSpan wait, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            var elapsed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (clock.CreateTimer(state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), elapsed, wait, Timeout.InfiniteTimeSpan))
            {
                elapsed.Task.Wait(cancellationToken);
            }
        }
    }
}
