namespace EdgeePS
{
    /// <summary>A function the model may call.</summary>
    public sealed class ToolDefinition
    {
        public ToolDefinition()
        {
        }

        public ToolDefinition(string name, string? description = null, object? parameters = null)
        {
            Function = new FunctionDefinition { Name = name, Description = description, Parameters = parameters };
        }

        public string Type { get; set; } = "function";
        public FunctionDefinition? Function { get; set; }

        public override string ToString() => Function?.Name ?? string.Empty;
    }
}
