using System.Collections.Generic;

namespace EdgeePS.Tools
{
    /// <summary>
    /// One parameter a tool offers the model, described without reference to where it came from (a PowerShell
    /// parameter, in practice). For an array, the enum values, format and bounds describe each item.
    /// </summary>
    internal sealed class ToolParameter
    {
        public ToolParameter(string name, ToolValueType type)
        {
            Name = name;
            Type = type;
        }

        public string Name { get; }

        public ToolValueType Type { get; }

        /// <summary>The type of each item when <see cref="Type"/> is <see cref="ToolValueType.Array"/>.</summary>
        public ToolValueType? ItemType { get; set; }

        /// <summary>The only values allowed (JSON Schema <c>enum</c>); null when any value of the type will do.</summary>
        public IReadOnlyList<string>? EnumValues { get; set; }

        /// <summary>A JSON Schema string format such as <c>date-time</c>.</summary>
        public string? Format { get; set; }

        public double? Minimum { get; set; }

        public double? Maximum { get; set; }

        public bool Required { get; set; }

        public string? Description { get; set; }
    }
}
