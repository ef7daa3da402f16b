namespace EdgeePS.Tools
{
    /// <summary>The JSON Schema types a tool parameter can have.</summary>
    internal enum ToolValueType
    {
        String,
        Integer,
        Number,
        Boolean,
        Object,
        Array,
    }
}
