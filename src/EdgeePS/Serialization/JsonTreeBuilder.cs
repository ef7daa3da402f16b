using System;
using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EdgeePS.Serialization
{
    /// <summary>
    /// Turns the loosely typed values callers hand us (dictionaries, lists, our models, anything with
    /// properties) into a JSON tree, so request building works on one representation. The caller passes
    /// <c>unwrap</c> to strip its own wrappers first (PowerShell's PSObject), which keeps this layer free
    /// of any host.
    /// </summary>
    internal static class JsonTreeBuilder
    {
        private const int MaxDepth = 64;

        public static JsonNode? ToNode(object? value, Func<object, object?> unwrap) => ToNode(value, unwrap, 0);

        private static JsonNode? ToNode(object? value, Func<object, object?> unwrap, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new EdgeeException(
                    EdgeeErrorIds.InvalidInputValue,
                    $"The input is nested more than {MaxDepth} levels deep (does it refer to itself?).");
            }

            value = value is null ? null : unwrap(value);
            switch (value)
            {
                case null: return null;
                case JsonNode node: return node.DeepClone();
                case JsonElement element: return JsonNode.Parse(element.GetRawText());
                case string text: return JsonValue.Create(text);
                case char character: return JsonValue.Create(character.ToString());
                case bool flag: return JsonValue.Create(flag);
                case int number: return JsonValue.Create(number);
                case long number: return JsonValue.Create(number);
                case double number: return JsonValue.Create(number);
                case decimal number: return JsonValue.Create(number);
                case float number: return JsonValue.Create(number);
                case short number: return JsonValue.Create(number);
                case byte number: return JsonValue.Create(number);
                case sbyte number: return JsonValue.Create(number);
                case ushort number: return JsonValue.Create(number);
                case uint number: return JsonValue.Create(number);
                case ulong number: return JsonValue.Create(number);
                case Enum enumValue: return JsonValue.Create(enumValue.ToString());
                case DateTime time: return JsonValue.Create(time.ToString("O", CultureInfo.InvariantCulture));
                case DateTimeOffset time: return JsonValue.Create(time.ToString("O", CultureInfo.InvariantCulture));
                case Guid or Uri or TimeSpan: return JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture));
                case System.Security.SecureString:
                    throw new EdgeeException(EdgeeErrorIds.InvalidInputValue, "A SecureString cannot be sent as request content.");
                case IDictionary dictionary: return FromDictionary(dictionary, unwrap, depth);
                case IEnumerable items: return FromList(items, unwrap, depth);
                default: return FromProperties(value, unwrap, depth);
            }
        }

        private static JsonObject FromDictionary(IDictionary dictionary, Func<object, object?> unwrap, int depth)
        {
            var result = new JsonObject();
            foreach (DictionaryEntry entry in dictionary)
            {
                var key = Convert.ToString(unwrap(entry.Key), CultureInfo.InvariantCulture) ?? string.Empty;
                if (result.ContainsKey(key))
                {
                    throw new EdgeeException(EdgeeErrorIds.DuplicateInputKey, $"The key '{key}' appears twice in the input.");
                }

                result[key] = ToNode(entry.Value, unwrap, depth + 1);
            }

            return result;
        }

        private static JsonArray FromList(IEnumerable items, Func<object, object?> unwrap, int depth)
        {
            var result = new JsonArray();
            foreach (var item in items)
            {
                result.Add(ToNode(item, unwrap, depth + 1));
            }

            return result;
        }

        // Our own models go out snake_case, as the gateway expects; other objects keep their property names.
        private static JsonObject FromProperties(object value, Func<object, object?> unwrap, int depth)
        {
            var isOwnModel = value.GetType().Namespace == typeof(ChatMessage).Namespace;
            var result = new JsonObject();
            foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (!property.CanRead || property.GetIndexParameters().Length > 0)
                {
                    continue;
                }

                if (isOwnModel && property.IsDefined(typeof(JsonIgnoreAttribute)))
                {
                    continue;
                }

                var propertyValue = property.GetValue(value);
                if (isOwnModel && propertyValue is null)
                {
                    continue;
                }

                // Extra fields sit beside the modelled ones on the wire, as System.Text.Json would put them.
                if (isOwnModel && property.IsDefined(typeof(JsonExtensionDataAttribute)) && propertyValue is IDictionary extra)
                {
                    foreach (var pair in FromDictionary(extra, unwrap, depth + 1))
                    {
                        if (result.ContainsKey(pair.Key))
                        {
                            throw new EdgeeException(EdgeeErrorIds.DuplicateInputKey, $"'{pair.Key}' is set both as a property and in {property.Name}.");
                        }

                        result[pair.Key] = pair.Value?.DeepClone();
                    }

                    continue;
                }

                var name = isOwnModel ? JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name) : property.Name;
                result[name] = ToNode(propertyValue, unwrap, depth + 1);
            }

            return result;
        }
    }
}
