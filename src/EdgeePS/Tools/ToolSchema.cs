using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;

namespace EdgeePS.Tools
{
    /// <summary>
    /// The JSON Schema of a tool's parameters (the function's <c>parameters</c>), as plain ordered dictionaries so
    /// PowerShell shows it and ConvertTo-Json prints it. Properties keep the parameters' order; the model may send
    /// no property that is not listed.
    /// </summary>
    internal static class ToolSchema
    {
        public static OrderedDictionary Build(IEnumerable<ToolParameter> parameters)
        {
            var properties = new OrderedDictionary();
            var required = new List<string>();
            foreach (var parameter in parameters)
            {
                properties[parameter.Name] = Property(parameter);
                if (parameter.Required)
                {
                    required.Add(parameter.Name);
                }
            }

            var schema = new OrderedDictionary { ["type"] = "object", ["properties"] = properties };
            if (required.Count > 0)
            {
                schema["required"] = required.ToArray();
            }

            schema["additionalProperties"] = false;
            return schema;
        }

        private static OrderedDictionary Property(ToolParameter parameter)
        {
            var property = new OrderedDictionary { ["type"] = TypeName(parameter.Type) };
            if (!string.IsNullOrEmpty(parameter.Description))
            {
                property["description"] = parameter.Description;
            }

            if (parameter.Type == ToolValueType.Array)
            {
                var items = new OrderedDictionary { ["type"] = TypeName(parameter.ItemType ?? ToolValueType.String) };
                AddConstraints(items, parameter);
                property["items"] = items;
            }
            else
            {
                AddConstraints(property, parameter);
            }

            return property;
        }

        private static void AddConstraints(IDictionary target, ToolParameter parameter)
        {
            if (parameter.EnumValues != null)
            {
                target["enum"] = parameter.EnumValues.ToArray();
            }

            if (parameter.Format != null)
            {
                target["format"] = parameter.Format;
            }

            if (parameter.Minimum is double minimum)
            {
                target["minimum"] = minimum;
            }

            if (parameter.Maximum is double maximum)
            {
                target["maximum"] = maximum;
            }
        }

        private static string TypeName(ToolValueType type) => type.ToString().ToLowerInvariant();
    }
}
