namespace EdgeePS
{
    public sealed class StreamOptions
    {
        /// <summary>Ask for a final chunk that carries <see cref="Usage"/>.</summary>
        public bool? IncludeUsage { get; set; }
    }
}
