using System;

namespace EdgeePS.Simulation
{
    /// <summary>
    /// What goes wrong while an answer is sent. Positions count chunks already sent: 0 is before the first, the
    /// answer's chunk count is after the last (before the usage chunk and [DONE]). A whole answer has no chunks, so
    /// any fault strikes halfway through its body; an error event is the whole body instead.
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

        /// <summary>Send <see cref="Error"/> as an event after this many chunks, and end the stream there: no [DONE].</summary>
        public int? ErrorAfter { get; set; }

        /// <summary>The error <see cref="ErrorAfter"/> sends: the gateway's own for a 500 unless the test says otherwise.</summary>
        public SimulatedRefusal Error { get; set; } = new SimulatedRefusal(500, null, null, null, null, inStream: true);

        public bool Any => DropAfter.HasValue || StallAfter.HasValue || MalformedAfter.HasValue || ErrorAfter.HasValue;
    }
}
