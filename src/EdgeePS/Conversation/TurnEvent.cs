namespace EdgeePS.Conversation
{
    /// <summary>
    /// One thing a turn reports, in order. A struct with one payload, so a plain stream pays no allocation per chunk
    /// for passing through the turn.
    /// </summary>
    internal readonly struct TurnEvent
    {
        private readonly object? _payload;
        private readonly CompletionResponse? _response;

        private TurnEvent(TurnEventKind kind, object? payload, CompletionResponse? response = null)
        {
            Kind = kind;
            _payload = payload;
            _response = response;
        }

        public TurnEventKind Kind { get; }

        public StreamChunk Chunk => (StreamChunk)_payload!;

        /// <summary>For <see cref="TurnEventKind.StreamError"/> and <see cref="TurnEventKind.Failure"/>.</summary>
        public EdgeeException Error => (EdgeeException)_payload!;

        public ToolInvocation Invocation => (ToolInvocation)_payload!;

        /// <summary>The final response (<see cref="TurnEventKind.Response"/>), or the one so far (<see cref="TurnEventKind.Failure"/>).</summary>
        public CompletionResponse? Response => _response;

        public static TurnEvent ForChunk(StreamChunk chunk) => new TurnEvent(TurnEventKind.Chunk, chunk);

        public static TurnEvent ForStreamError(EdgeeException error) => new TurnEvent(TurnEventKind.StreamError, error);

        public static TurnEvent ForInvocation(ToolInvocation invocation) => new TurnEvent(TurnEventKind.ToolInvocation, invocation);

        public static TurnEvent ForResponse(CompletionResponse response) => new TurnEvent(TurnEventKind.Response, null, response);

        public static TurnEvent ForFailure(EdgeeException error, CompletionResponse soFar) => new TurnEvent(TurnEventKind.Failure, error, soFar);
    }
}
