namespace EdgeePS
{
    /// <summary>Token counts. Edgee names the details input/output; OpenAI names them prompt/completion — both are read.</summary>
    public sealed class Usage
    {
        public int PromptTokens { get; set; }
        public int CompletionTokens { get; set; }
        public int TotalTokens { get; set; }

        public TokenDetails? InputTokensDetails { get; set; }
        public TokenDetails? OutputTokensDetails { get; set; }
        public TokenDetails? PromptTokensDetails { get; set; }
        public TokenDetails? CompletionTokensDetails { get; set; }

        public int? CachedTokens => InputTokensDetails?.CachedTokens ?? PromptTokensDetails?.CachedTokens;
        public int? CacheCreationTokens => InputTokensDetails?.CacheCreationTokens ?? PromptTokensDetails?.CacheCreationTokens;
        public int? ReasoningTokens => OutputTokensDetails?.ReasoningTokens ?? CompletionTokensDetails?.ReasoningTokens;

        public override string ToString() => $"{PromptTokens} prompt + {CompletionTokens} completion = {TotalTokens} tokens";
    }
}
