namespace EdgeePS.Conversation
{
    internal enum TurnEventKind
    {
        /// <summary>A streamed chunk, to write as it arrives.</summary>
        Chunk,

        /// <summary>A malformed event or an error event in a stream: reported, and the chunks before it stand.</summary>
        StreamError,

        /// <summary>A tool call that was just answered (run, refused or not run).</summary>
        ToolInvocation,

        /// <summary>The turn's final response: when it was not streamed, or when the caller asked for it (accumulate).</summary>
        Response,

        /// <summary>The tool loop was ended by a limit; the response so far goes with the error.</summary>
        Failure,
    }
}
