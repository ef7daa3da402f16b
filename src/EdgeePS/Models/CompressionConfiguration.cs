namespace EdgeePS
{
    public sealed class CompressionConfiguration
    {
        /// <summary>0 to 1; the gateway's default is 0.8.</summary>
        public double? Rate { get; set; }

        /// <summary>0 to 100.</summary>
        public int? SemanticPreservationThreshold { get; set; }
    }
}
