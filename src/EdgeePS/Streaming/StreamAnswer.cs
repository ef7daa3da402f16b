using EdgeePS.Conversation;

namespace EdgeePS.Streaming
{
    /// <summary>
    /// One streamed answer, as the command that streamed it knows it: every chunk of the answer refers to it, so the
    /// chunks of one answer are told from the next one's even when a provider repeats ids or sends none, and the
    /// joined answer can say how its stream ended. It also names the turn it belongs to: a tool loop streams one
    /// answer per round, and Join-EdgeeStream makes one response of them all.
    /// </summary>
    internal sealed class StreamAnswer
    {
        public StreamAnswer(string? provider, bool fallbackUsed, TurnRecord? turn = null, int round = 1)
        {
            Provider = provider;
            FallbackUsed = fallbackUsed;
            Turn = turn;
            Round = round;
        }

        /// <summary>The upstream provider that served the stream (<c>X-Edgee-Provider</c>).</summary>
        public string? Provider { get; }

        public bool FallbackUsed { get; }

        /// <summary>The exchange this answer is part of; null for answers not streamed by a chat command.</summary>
        public TurnRecord? Turn { get; }

        /// <summary>Which request of the turn this answers: 1 for the first.</summary>
        public int Round { get; }

        /// <summary>True once the stream reached <c>[DONE]</c> without an error event; false while it runs and after a fault.</summary>
        public bool IsComplete { get; private set; }

        public void Complete() => IsComplete = true;
    }
}
