namespace EdgeePS.Streaming
{
    /// <summary>
    /// Sorts a sequence of chunks, possibly of several answers one after another, into one joined response per answer.
    /// An answer ends when a chunk of another answer arrives or the sequence ends, never at its finish reason: the
    /// usage chunk comes after it.
    /// </summary>
    internal sealed class StreamJoiner
    {
        private StreamAccumulator? _current;
        private object? _currentKey;

        /// <summary>Adds <paramref name="chunk"/>; when it begins another answer, returns the one before it, joined.</summary>
        public CompletionResponse? Add(StreamChunk chunk)
        {
            var key = chunk.AnswerKey;
            var finished = _currentKey != null && key != null && !key.Equals(_currentKey) ? Finish() : null;
            _current ??= new StreamAccumulator(chunk.Answer);
            _currentKey ??= key;
            _current.Add(chunk);
            return finished;
        }

        /// <summary>The answer in progress, joined; null when there is none.</summary>
        public CompletionResponse? Finish()
        {
            var response = _current?.ToResponse();
            _current = null;
            _currentKey = null;
            return response;
        }
    }
}
