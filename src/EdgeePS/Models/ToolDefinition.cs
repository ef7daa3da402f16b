using System.Text.Json.Serialization;
using EdgeePS.Tools;

namespace EdgeePS
{
    /// <summary>
    /// A function the model may call. One made by New-EdgeeTool (or from a command given to -Tool) also knows what to
    /// run when the model calls it; one built by hand, or from a hashtable, is a definition only.
    /// </summary>
    public sealed class ToolDefinition
    {
        public ToolDefinition()
        {
        }

        public ToolDefinition(string name, string? description = null, object? parameters = null)
        {
            Function = new FunctionDefinition { Name = name, Description = description, Parameters = parameters };
        }

        internal ToolDefinition(string name, string? description, IToolHandler handler)
            : this(name, description, ToolSchema.Build(handler.Parameters))
        {
            Handler = handler;
        }

        public string Type { get; set; } = "function";
        public FunctionDefinition? Function { get; set; }

        /// <summary>What runs when the model calls this tool, e.g. <c>Get-ServiceStatus</c>; null for a definition only.</summary>
        [JsonIgnore]
        public string? Command => Handler?.Command;

        /// <summary>Runs the calls; null for a definition only, whose calls come back to the caller.</summary>
        [JsonIgnore]
        internal IToolHandler? Handler { get; }

        public override string ToString() => Function?.Name ?? string.Empty;
    }
}
