namespace EdgeePS
{
    public sealed class FunctionDefinition
    {
        /// <summary>Letters, digits, <c>_</c> and <c>-</c>; at most 64 characters.</summary>
        public string? Name { get; set; }

        public string? Description { get; set; }

        /// <summary>A JSON Schema object (a hashtable is fine).</summary>
        public object? Parameters { get; set; }
    }
}
