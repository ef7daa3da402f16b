using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EdgeePS.Structured
{
    /// <summary>
    /// The JSON Schema of a .NET type (a PowerShell class is one), by reflection, ready for a provider's strict mode:
    /// every property required, <c>additionalProperties: false</c> on every object, enums as their names, arrays and
    /// nested classes followed, the type's own property names. Optional values are nullable types (<c>[int?]</c>),
    /// never missing properties. What strict JSON cannot express (a dictionary's free keys, an untyped value, a type
    /// that contains itself) is an error naming the property, before any request. <see cref="TypedJsonReader"/> reads
    /// the answer back by the same rules.
    /// </summary>
    internal sealed class JsonSchemaGenerator
    {
        private static readonly Type[] ListDefinitions =
        {
            typeof(List<>), typeof(IList<>), typeof(ICollection<>), typeof(IEnumerable<>), typeof(IReadOnlyList<>),
            typeof(IReadOnlyCollection<>), typeof(HashSet<>), typeof(ISet<>),
        };

        // The types being described, outermost first: meeting one of them again means the type contains itself.
        private readonly Stack<Type> _open = new Stack<Type>();

#if NET
        private readonly NullabilityInfoContext _nullability = new NullabilityInfoContext();
#endif

        private JsonSchemaGenerator()
        {
        }

        /// <summary>The schema of <paramref name="type"/>, whose instances are JSON objects.</summary>
        /// <exception cref="EdgeeException">InvalidJsonSchema: the type, or one of its properties, has no strict JSON form.</exception>
        public static JsonObject ForType(Type type)
        {
            if (ItemType(type) != null)
            {
                throw Invalid($"[{type.Name}] cannot describe the answer: a list, where the answer is a JSON object. Give a class with a property that holds the list.");
            }

            if (ObjectProblem(type) is string problem)
            {
                throw Invalid($"[{type.Name}] cannot describe the answer: {problem}. Give a class with a property for each value.");
            }

            return new JsonSchemaGenerator().ObjectSchema(type, type.Name);
        }

        /// <summary>The properties an answer fills: public, readable and writable, not indexers, not [JsonIgnore].</summary>
        public static IEnumerable<PropertyInfo> FilledProperties(Type type) =>
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(property => property.CanRead && property.GetSetMethod() != null && property.GetIndexParameters().Length == 0)
                .Where(property => !property.IsDefined(typeof(JsonIgnoreAttribute), inherit: true));

        /// <summary>The name a property has in the JSON: its [JsonPropertyName], else its own.</summary>
        public static string JsonName(PropertyInfo property) =>
            property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? property.Name;

        private JsonObject ObjectSchema(Type type, string path)
        {
            if (_open.Contains(type))
            {
                throw Invalid($"{path} holds a [{type.Name}] inside a [{type.Name}]: a schema made from a type cannot refer to itself. Give -JsonSchema a JSON schema instead.");
            }

            _open.Push(type);
            var properties = new JsonObject();
            var required = new JsonArray();
            foreach (var property in FilledProperties(type))
            {
                var name = JsonName(property);
                properties[name] = PropertySchema(property, path + "." + property.Name);
                required.Add(name);
            }

            _open.Pop();
            if (properties.Count == 0)
            {
                throw Invalid($"{path} is a [{type.Name}], which has no public property with a setter for the answer to fill.");
            }

            return new JsonObject
            {
                ["type"] = "object",
                ["properties"] = properties,
                ["required"] = required,
                ["additionalProperties"] = false,
            };
        }

        private JsonNode PropertySchema(PropertyInfo property, string path)
        {
            var type = property.PropertyType;
            var underlying = Nullable.GetUnderlyingType(type);
            return underlying != null || IsAnnotatedNullable(property)
                ? OrNull(Schema(underlying ?? type, path))
                : Schema(type, path);
        }

        private JsonObject Schema(Type type, string path)
        {
            if (Nullable.GetUnderlyingType(type) is Type underlying)
            {
                return OrNull(Schema(underlying, path));
            }

            if (type.IsEnum)
            {
                return new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(Enum.GetNames(type).Select(name => (JsonNode?)name).ToArray()) };
            }

            switch (Type.GetTypeCode(type))
            {
                case TypeCode.String:
                case TypeCode.Char:
                    return Simple("string");
                case TypeCode.Boolean:
                    return Simple("boolean");
                case TypeCode.Byte:
                case TypeCode.SByte:
                case TypeCode.Int16:
                case TypeCode.UInt16:
                case TypeCode.Int32:
                case TypeCode.UInt32:
                case TypeCode.Int64:
                case TypeCode.UInt64:
                    return Simple("integer");
                case TypeCode.Single:
                case TypeCode.Double:
                case TypeCode.Decimal:
                    return Simple("number");
                case TypeCode.DateTime:
                    return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
            }

            if (type == typeof(DateTimeOffset))
            {
                return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
            }

            if (type == typeof(Guid))
            {
                return new JsonObject { ["type"] = "string", ["format"] = "uuid" };
            }

            if (type == typeof(Uri) || type == typeof(TimeSpan))
            {
                return Simple("string");
            }

            if (ItemType(type) is Type itemType)
            {
                return new JsonObject { ["type"] = "array", ["items"] = Schema(itemType, path + "[]") };
            }

            if (ObjectProblem(type) is string problem)
            {
                throw Invalid($"{path} is a [{type.Name}], which {problem}.");
            }

            return ObjectSchema(type, path);
        }

        /// <summary>Why values of <paramref name="type"/> cannot be strict JSON objects; null when they can.</summary>
        private static string? ObjectProblem(Type type)
        {
            if (type == typeof(object))
            {
                return "has no fixed shape ([object]): give it a type, such as [string] or a class of its own";
            }

            if (typeof(IDictionary).IsAssignableFrom(type) || type.GetInterfaces().Any(face => face.IsGenericType && face.GetGenericTypeDefinition() == typeof(IDictionary<,>)))
            {
                return "is a dictionary: strict JSON has no free keys, so give a class with a property for each key";
            }

            if (typeof(IEnumerable).IsAssignableFrom(type))
            {
                return "is a list without an item type: use an array such as [string[]], or [System.Collections.Generic.List[string]]";
            }

            if (type.IsPrimitive || type.IsPointer || typeof(Delegate).IsAssignableFrom(type))
            {
                return "has no JSON form";
            }

            if (type.IsInterface || type.IsAbstract || type.ContainsGenericParameters)
            {
                return "is not a class an answer can be made into (an interface or abstract class)";
            }

            if (!type.IsValueType && type.GetConstructor(Type.EmptyTypes) is null)
            {
                return "has no constructor without parameters to make it from the answer";
            }

            return null;
        }

        /// <summary>The item type of an array or of a generic list STJ can fill; null for anything else.</summary>
        private static Type? ItemType(Type type)
        {
            if (type.IsArray)
            {
                return type.GetArrayRank() == 1 ? type.GetElementType() : null;
            }

            return type.IsGenericType && ListDefinitions.Contains(type.GetGenericTypeDefinition()) ? type.GetGenericArguments()[0] : null;
        }

        // C# 'string?' and the like; PowerShell classes carry no such annotation, so there only [Nullable[T]] is optional.
        private bool IsAnnotatedNullable(PropertyInfo property)
        {
#if NET
            return !property.PropertyType.IsValueType && _nullability.Create(property).WriteState == NullabilityState.Nullable;
#else
            return false;
#endif
        }

        // Simple types take null as a second type; an object or array becomes one of two schemas, as strict mode allows.
        private static JsonObject OrNull(JsonObject schema)
        {
            if (schema["type"] is JsonValue type && type.GetValue<string>() is string name && name != "object" && name != "array")
            {
                schema["type"] = new JsonArray(name, "null");
                if (schema["enum"] is JsonArray values)
                {
                    values.Add(null);
                }

                return schema;
            }

            return new JsonObject { ["anyOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null" }) };
        }

        private static JsonObject Simple(string type) => new JsonObject { ["type"] = type };

        private static EdgeeException Invalid(string message) => new EdgeeException(EdgeeErrorIds.InvalidJsonSchema, message);
    }
}
