using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace EdgeePS.Structured
{
    /// <summary>
    /// Reads an answer into an instance of the type its schema was made from (<see cref="JsonSchemaGenerator"/>), by
    /// the schema's rules: the type's own property names, every property present, none other, enums by name. An
    /// answer that breaks one of them is not valid for the type, even where a lenient reader would make do.
    /// Reflection-based, as the type is the caller's (a PowerShell class is made when its script runs).
    /// </summary>
    internal sealed class TypedJsonReader
    {
        private readonly Type _type;
        private readonly JsonSerializerOptions _options;

        public TypedJsonReader(Type type)
        {
            _type = type;
            var resolver = new DefaultJsonTypeInfoResolver();
            resolver.Modifiers.Add(RequireEveryFilledProperty);
            _options = new JsonSerializerOptions
            {
                TypeInfoResolver = resolver,
                UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
                Converters = { new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false) },
            };
        }

        /// <exception cref="JsonException">The text is not JSON, or not JSON for the type.</exception>
        public object Read(string json) =>
            JsonSerializer.Deserialize(json, _type, _options) ?? throw new JsonException($"The answer is null, not a {_type.Name}.");

        // The schema lists every property the answer fills as required; so does the reader.
        private static void RequireEveryFilledProperty(JsonTypeInfo typeInfo)
        {
            if (typeInfo.Kind != JsonTypeInfoKind.Object)
            {
                return;
            }

            var filled = JsonSchemaGenerator.FilledProperties(typeInfo.Type).Select(JsonSchemaGenerator.JsonName).ToList();
            foreach (var property in typeInfo.Properties.Where(property => property.Set != null && filled.Contains(property.Name)))
            {
                property.IsRequired = true;
            }
        }
    }
}
