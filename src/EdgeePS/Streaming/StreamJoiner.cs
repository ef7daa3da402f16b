using System.Collections.Generic;
using EdgeePS.Conversation;

namespace EdgeePS.Streaming
{
    /// <summary>
    /// Sorts a sequence of chunks, possibly of several answers one after another, into one joined response per answer.
    /// An answer ends when a chunk of another answer arrives or the sequence ends, never at its finish reason: the
    /// usage chunk comes after it. The answers of one turn (the rounds of a tool loop) make one response, the same
    /// one the turn gives whole.
    /// </summary>
    internal sealed class StreamJoiner
    {
        private readonly List<CompletionResponse> _turnAnswers = new List<CompletionResponse>();
        private StreamAccumulator? _current;
        private object? _currentKey;
        private TurnRecord? _turn;

        /// <summary>Adds <paramref name="chunk"/>; when it begins another answer (or turn), returns the one before it, joined.</summary>
        public CompletionResponse? Add(StreamChunk chunk)
        {
            var key = chunk.AnswerKey;
            CompletionResponse? finished = null;
            if (_currentKey != null && key != null && !key.Equals(_currentKey))
            {
                var answer = EndAnswer();
                finished = chunk.Answer?.Turn is TurnRecord turn && turn == _turn ? answer : EndTurn() ?? answer;
            }

            _current ??= new StreamAccumulator(chunk.Answer);
            _currentKey ??= key;
            _turn ??= chunk.Answer?.Turn;
            _current.Add(chunk);
            return finished;
        }

        /// <summary>The answer (or turn) in progress, joined; null when there is none.</summary>
        public CompletionResponse? Finish()
        {
            var answer = EndAnswer();
            return EndTurn() ?? answer;
        }

        // A turn's answer waits for the rest of its turn (and null comes back); any other is finished at once.
        private CompletionResponse? EndAnswer()
        {
            var response = _current?.ToResponse();
            _current = null;
            _currentKey = null;
            if (response != null && _turn != null)
            {
                _turnAnswers.Add(response);
                return null;
            }

            return response;
        }

        private CompletionResponse? EndTurn()
        {
            var response = _turn is null || _turnAnswers.Count == 0 ? null : TurnResponse.Compose(_turn, _turnAnswers.ToArray());
            _turn = null;
            _turnAnswers.Clear();
            return response;
        }
    }
}
