namespace EdgeePS
{
    /// <summary>
    /// A tool call. In a stream it is a fragment: the first one of an <see cref="Index"/> carries
    /// <see cref="Id"/>, <see cref="Type"/> and the function name; later ones carry a piece of the arguments.
    /// </summary>
    public sealed class ToolCall
    {
        public int? Index { get; set; }
        public string? Id { get; set; }
        public string? Type { get; set; }
        public FunctionCall? Function { get; set; }

        public override string ToString() => $"{Function?.Name}({Function?.Arguments})";
    }
}
