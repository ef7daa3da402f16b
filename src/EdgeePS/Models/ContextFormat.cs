namespace EdgeePS
{
    /// <summary>How objects piped in as context are written for the model (-ContextFormat).</summary>
    public enum ContextFormat
    {
        /// <summary>As PowerShell shows them (Out-String); strings as they are, a line each.</summary>
        Text,

        /// <summary>One compact JSON value a line: strings as JSON strings, objects a few levels deep.</summary>
        Json,
    }
}
