namespace EdgeePS
{
    public sealed class StreamChoice
    {
        public int Index { get; set; }

        /// <summary>What this event adds to the message; a partial <see cref="ChatMessage"/>.</summary>
        public ChatMessage? Delta { get; set; }

        public string? FinishReason { get; set; }

        public override string ToString() => Delta?.Content ?? string.Empty;
    }
}
