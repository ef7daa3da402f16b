namespace EdgeePS
{
    public sealed class TokenDetails
    {
        public int? CachedTokens { get; set; }
        public int? CacheCreationTokens { get; set; }
        public int? ReasoningTokens { get; set; }
    }
}
