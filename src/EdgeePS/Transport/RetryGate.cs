using System;
using System.Threading;

namespace EdgeePS.Transport
{
    /// <summary>
    /// One pause shared by every request of a batch. A rate limit (a 429, or any Retry-After) is the gateway speaking
    /// about the caller, not about one request: when one request hears it, the gate closes for as long as it asked,
    /// and every request of the batch, new ones and retries alike, waits at the gate before it is sent. A later limit
    /// can lengthen the pause, never shorten it. Time is the client's clock, so tests move it instead of waiting.
    /// </summary>
    internal sealed class RetryGate
    {
        private readonly TimeProvider _clock;
        private readonly object _lock = new object();
        private DateTimeOffset _opensAt = DateTimeOffset.MinValue;
        private int _pauses;
        private TimeSpan _paused;

        public RetryGate(TimeProvider clock)
        {
            _clock = clock;
        }

        /// <summary>How many times the gate closed while it was open: pauses the batch took.</summary>
        public int Pauses
        {
            get
            {
                lock (_lock)
                {
                    return _pauses;
                }
            }
        }

        /// <summary>How long the batch was held in all, counting a lengthened pause once.</summary>
        public TimeSpan Paused
        {
            get
            {
                lock (_lock)
                {
                    return _paused;
                }
            }
        }

        /// <summary>Closes the gate for <paramref name="wait"/> from now, unless it is already closed for longer.</summary>
        /// <returns>True when this began a pause or lengthened the one under way.</returns>
        public bool Close(TimeSpan wait)
        {
            var now = _clock.GetUtcNow();
            var opensAt = now + wait;
            lock (_lock)
            {
                if (opensAt <= _opensAt)
                {
                    return false;
                }

                if (_opensAt <= now)
                {
                    _pauses++;
                    _paused += wait;
                }
                else
                {
                    _paused += opensAt - _opensAt;
                }

                _opensAt = opensAt;
                return true;
            }
        }

        /// <summary>Returns once the gate is open; a pause lengthened meanwhile is waited out too. Ctrl+C (the token) ends the wait.</summary>
        public void WaitUntilOpen(CancellationToken cancellationToken)
        {
            while (true)
            {
                TimeSpan remaining;
                lock (_lock)
                {
                    remaining = _opensAt - _clock.GetUtcNow();
                }

                if (remaining <= TimeSpan.Zero)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    return;
                }

                ClockWait.Sleep(_clock, remaining, cancellationToken);
            }
        }
    }
}
