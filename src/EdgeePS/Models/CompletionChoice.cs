namespace EdgeePS
{
    public sealed class CompletionChoice
    {
        public int Index { get; set; }
        public ChatMessage? Message { get; set; }
        public string? FinishReason { get; set; }

        public override string ToString() => Message?.Content ?? string.Empty;
    }
}
