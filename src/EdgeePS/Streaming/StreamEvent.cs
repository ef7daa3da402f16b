namespace EdgeePS.Streaming
{
    /// <summary>What one server-sent event turned out to be.</summary>
    internal sealed class StreamEvent
    {
        public static readonly StreamEvent Done = new StreamEvent(StreamEventKind.Done, null, null);
        public static readonly StreamEvent Empty = new StreamEvent(StreamEventKind.Empty, null, null);

        private StreamEvent(StreamEventKind kind, StreamChunk? chunk, EdgeeException? error)
        {
            Kind = kind;
            Chunk = chunk;
            Error = error;
        }

        public StreamEventKind Kind { get; }

        public StreamChunk? Chunk { get; }

        /// <summary>For <see cref="StreamEventKind.Malformed"/> and <see cref="StreamEventKind.GatewayError"/>.</summary>
        public EdgeeException? Error { get; }

        public static StreamEvent ForChunk(StreamChunk chunk) => new StreamEvent(StreamEventKind.Chunk, chunk, null);

        public static StreamEvent Malformed(EdgeeException error) => new StreamEvent(StreamEventKind.Malformed, null, error);

        public static StreamEvent ForGatewayError(EdgeeException error) => new StreamEvent(StreamEventKind.GatewayError, null, error);
    }
}
