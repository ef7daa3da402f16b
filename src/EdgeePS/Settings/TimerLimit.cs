using System;
using System.Threading;

namespace EdgeePS.Settings
{
    /// <summary>
    /// The longest wait a .NET timer can hold: CancellationTokenSource.CancelAfter, Task.Delay and WaitHandle.WaitOne
    /// refuse more than int.MaxValue milliseconds (2,147,483 seconds, about 24.8 days; .NET Framework's are the
    /// tightest). A timeout asked for beyond that means "no limit", so <c>-IdleTimeoutSec ([int]::MaxValue)</c> says
    /// "never give up" instead of failing with .NET's "(Parameter 'delay')".
    /// </summary>
    internal static class TimerLimit
    {
        public static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(int.MaxValue);

        /// <summary>The largest whole number of seconds that is still a limit: 2,147,483.</summary>
        public static readonly int LongestSeconds = (int)Longest.TotalSeconds;

        /// <summary>The timeout as a timer can hold it: unchanged up to <see cref="Longest"/>, no limit beyond.</summary>
        public static TimeSpan Apply(TimeSpan timeout) => timeout > Longest ? Timeout.InfiniteTimeSpan : timeout;

        /// <summary>Whole seconds for display; null when the timeout is no limit.</summary>
        public static int? Seconds(TimeSpan timeout) =>
            Apply(timeout) is var held && held > TimeSpan.Zero ? (int)held.TotalSeconds : (int?)null;
    }
}
