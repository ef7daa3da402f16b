namespace EdgeePS.Streaming
{
    internal enum StreamEventKind
    {
        /// <summary>A chunk to hand to the caller.</summary>
        Chunk,

        /// <summary><c>[DONE]</c>: the stream is complete.</summary>
        Done,

        /// <summary>An event with no data (a keep-alive); nothing to report.</summary>
        Empty,

        /// <summary>Data that is not a chunk; reported, and the stream goes on.</summary>
        Malformed,

        /// <summary>The gateway sent an error object; reported, and the stream ends.</summary>
        GatewayError,
    }
}
