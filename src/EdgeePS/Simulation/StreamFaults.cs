using System;

namespace EdgeePS.Simulation
{
    /// <summary>
    /// What goes wrong while an answer is sent. Positions count chunks already sent: 0 is before the first, the
    /// answer's chunk count is after the last (before the usage chunk and [DONE]). A whole answer has no chunks, so
    /// any fault strikes halfway through its body.
    /// </summary>
    internal sealed class StreamFaults
    {
        /// <summary>Close the connection after this many chunks: no [DONE].</summary>
        public int? DropAfter { get; set; }

        /// <summary>Go silent for <see cref="StallFor"/> after this many chunks, then go on.</summary>
        public int? StallAfter { get; set; }

        public TimeSpan StallFor { get; set; }

        /// <summary>Send one event that is not JSON after this many chunks, then the rest.</summary>
        public int? MalformedAfter { get; set; }

        public bool Any => DropAfter.HasValue || StallAfter.HasValue || MalformedAfter.HasValue;
    }
}
