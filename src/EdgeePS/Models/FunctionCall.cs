namespace EdgeePS
{
    public sealed class FunctionCall
    {
        public string? Name { get; set; }

        /// <summary>The arguments as JSON text, exactly as the model wrote them.</summary>
        public string? Arguments { get; set; }
    }
}
