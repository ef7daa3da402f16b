namespace EdgeePS.Simulation
{
    /// <summary>The token counts an answer reports; the total is always their sum, as the gateway reports it.</summary>
    internal sealed class SimulatedUsage
    {
        public SimulatedUsage(int promptTokens, int completionTokens, int reasoningTokens = 0)
        {
            PromptTokens = promptTokens;
            CompletionTokens = completionTokens;
            ReasoningTokens = reasoningTokens;
        }

        public int PromptTokens { get; }

        public int CompletionTokens { get; }

        /// <summary>The part of <see cref="CompletionTokens"/> spent on reasoning; 0 leaves the detail out.</summary>
        public int ReasoningTokens { get; }
    }
}
