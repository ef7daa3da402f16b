namespace EdgeePS.Streaming
{
    /// <summary>
    /// One streamed answer, as the command that streamed it knows it: every chunk of the answer refers to it, so the
    /// chunks of one answer are told from the next one's even when a provider repeats ids or sends none, and the
    /// joined answer can say how its stream ended.
    /// </summary>
    internal sealed class StreamAnswer
    {
        public StreamAnswer(string? provider, bool fallbackUsed)
        {
            Provider = provider;
            FallbackUsed = fallbackUsed;
        }

        /// <summary>The upstream provider that served the stream (<c>X-Edgee-Provider</c>).</summary>
        public string? Provider { get; }

        public bool FallbackUsed { get; }

        /// <summary>True once the stream reached <c>[DONE]</c> without an error event; false while it runs and after a fault.</summary>
        public bool IsComplete { get; private set; }

        public void Complete() => IsComplete = true;
    }
}
