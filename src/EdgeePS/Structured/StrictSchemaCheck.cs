using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeePS.Structured
{
    /// <summary>
    /// Whether a JSON schema is ready for a provider's strict mode, which refuses any other: every object lists all its
    /// properties in <c>required</c> and sets <c>additionalProperties: false</c>, at every level.
    /// </summary>
    internal static class StrictSchemaCheck
    {
        private static readonly string[] SchemaLists = { "anyOf", "oneOf", "allOf", "prefixItems" };
        private static readonly string[] SchemaMaps = { "properties", "$defs", "definitions" };

        /// <summary>The first place that is not strict-ready, as a path and a reason; null when the schema is ready.</summary>
        public static string? Problem(JsonObject schema) => Problem(schema, "$");

        private static string? Problem(JsonNode? node, string path)
        {
            if (!(node is JsonObject schema))
            {
                return null;
            }

            if (IsObject(schema))
            {
                if (!(schema["additionalProperties"] is JsonValue extra && extra.GetValueKind() == JsonValueKind.False))
                {
                    return $"{path}: additionalProperties is not $false";
                }

                var names = (schema["properties"] as JsonObject)?.Select(property => property.Key).ToList() ?? new System.Collections.Generic.List<string>();
                var required = (schema["required"] as JsonArray)?.Select(item => item is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null).ToList();
                var missing = names.FirstOrDefault(name => required is null || !required.Contains(name));
                if (missing != null)
                {
                    return $"{path}: '{missing}' is not in required";
                }
            }

            foreach (var key in SchemaMaps)
            {
                foreach (var entry in (schema[key] as JsonObject) ?? new JsonObject())
                {
                    if (Problem(entry.Value, $"{path}.{key}.{entry.Key}") is string problem)
                    {
                        return problem;
                    }
                }
            }

            foreach (var key in SchemaLists)
            {
                var index = 0;
                foreach (var item in (schema[key] as JsonArray) ?? new JsonArray())
                {
                    if (Problem(item, $"{path}.{key}[{index++}]") is string problem)
                    {
                        return problem;
                    }
                }
            }

            return Problem(schema["items"], path + ".items");
        }

        private static bool IsObject(JsonObject schema) =>
            schema.ContainsKey("properties")
            || (schema["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String && type.GetValue<string>() == "object")
            || (schema["type"] is JsonArray types && types.Any(item => item is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() == "object"));
    }
}
