using System;
using System.Security.Authentication;
using System.Threading;
using EdgeePS.Errors;

namespace EdgeePS.Transport
{
    /// <summary>
    /// Which failures are worth another attempt, and how long to wait first. Only failures before any of the
    /// body reached the caller come here: retrying a stream that had begun would duplicate its output.
    /// Waits are measured by the caller on its clock (<see cref="ClockWait"/>), never here.
    /// </summary>
    internal static class RetryPolicy
    {
        public static readonly TimeSpan MaximumWait = TimeSpan.FromSeconds(60);

        private static int _seed = Environment.TickCount;
        private static readonly ThreadLocal<Random> Jitter = new ThreadLocal<Random>(() => new Random(Interlocked.Increment(ref _seed)));

        public static bool IsRetryable(EdgeeException error)
        {
            if (error.ErrorId == EdgeeErrorIds.ConnectionFailed)
            {
                // A certificate the client rejects will be rejected again: only transient failures are worth a wait.
                return !CausedBy<AuthenticationException>(error);
            }

            if (!(error is EdgeeApiException api) || error.ErrorId == EdgeeErrorIds.StreamErrorEvent)
            {
                return false;
            }

            // A spend cap answers 429 like a rate limit, but waiting does not lift it.
            if (GatewayErrorStatus.IsSpendCap(api))
            {
                return false;
            }

            // An error inside a 200 (a body, or a stream's first event) is retried as the status it stands for.
            switch (GatewayErrorStatus.Of(api))
            {
                case 408:
                case 429:
                case 500:
                case 502:
                case 503:
                case 504:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// A limit on the caller rather than a fault of one request: a 429 (or an error in a 200 standing for one), or
        /// any answer that says when to come back. A batch pauses every request for it.
        /// </summary>
        public static bool IsRateLimit(EdgeeException error) =>
            error is EdgeeApiException api && (api.RetryAfter != null || GatewayErrorStatus.Of(api) == 429);

        private static bool CausedBy<T>(Exception error)
            where T : Exception
        {
            for (var cause = error.InnerException; cause != null; cause = cause.InnerException)
            {
                if (cause is T)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The gateway's Retry-After when it gave one; otherwise the interval doubled per attempt, with jitter so
        /// that parallel runbooks failing together do not retry together. Capped either way.
        /// </summary>
        public static TimeSpan Wait(int failedAttempt, TimeSpan interval, TimeSpan? retryAfter)
        {
            if (retryAfter is TimeSpan asked)
            {
                return asked < MaximumWait ? asked : MaximumWait;
            }

            var exponential = interval.TotalMilliseconds * Math.Pow(2, failedAttempt - 1);
            var jittered = exponential * (0.5 + (Jitter.Value!.NextDouble() / 2));
            return TimeSpan.FromMilliseconds(Math.Min(jittered, MaximumWait.TotalMilliseconds));
        }
    }
}
