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
    internal sealed class JsonTreeBuilder
    {
        private const int MaxDepth = 64;

        private readonly Func<object, object?> _unwrap;

        // Set for a summary: how deep objects are followed, and how many more values may be written.
        private readonly int? _summaryDepth;
        private int _summaryBudget;

        private JsonTreeBuilder(Func<object, object?> unwrap, int? summaryDepth, int summaryBudget)
        {
            _unwrap = unwrap;
            _summaryDepth = summaryDepth;
            _summaryBudget = summaryBudget;
        }

        private bool BudgetSpent => IsSummary && _summaryBudget <= 0;

        private bool IsSummary => _summaryDepth.HasValue;

        /// <summary>The exact tree of a request's input: anything that cannot be sent faithfully is an error.</summary>
        public static JsonNode? ToNode(object? value, Func<object, object?> unwrap) =>
            new JsonTreeBuilder(unwrap, null, 0).Build(value, 0);

        /// <summary>
        /// A readable sketch of any object, for a model to read (a tool's output): objects below
        /// <paramref name="depth"/> levels become their text, properties that cannot be read are left out, and once
        /// <paramref name="budget"/> values have been written nothing more is added (the budget is then negative), so
        /// a huge object costs no more than a small one. Never throws for the shape of what it is given.
        /// </summary>
        public static JsonNode? ToSummary(object? value, Func<object, object?> unwrap, int depth, ref int budget)
        {
            var builder = new JsonTreeBuilder(unwrap, depth, budget);
            var node = builder.Build(value, 0);
            budget = builder._summaryBudget;
            return node;
        }

        private JsonNode? Build(object? value, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new EdgeeException(
                    EdgeeErrorIds.InvalidInputValue,
                    $"The input is nested more than {MaxDepth} levels deep (does it refer to itself?).");
            }

            if (IsSummary && --_summaryBudget < 0)
            {
                return null;
            }

            value = value is null ? null : Unwrap(value);
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
                case double number when IsSummary && (double.IsNaN(number) || double.IsInfinity(number)): return Text(number);
                case double number: return JsonValue.Create(number);
                case decimal number: return JsonValue.Create(number);
                case float number when IsSummary && (float.IsNaN(number) || float.IsInfinity(number)): return Text(number);
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
                case Guid or Uri or TimeSpan: return Text(value);
                case System.Security.SecureString when IsSummary: return Text(value);
                case System.Security.SecureString:
                    throw new EdgeeException(EdgeeErrorIds.InvalidInputValue, "A SecureString cannot be sent as request content.");
                case object deep when IsSummary && depth >= _summaryDepth: return Text(deep);
                case IDictionary dictionary: return FromDictionary(dictionary, depth);
                case IEnumerable items: return FromList(items, depth);
                default: return FromProperties(value, depth);
            }
        }

        private object? Unwrap(object value)
        {
            if (!IsSummary)
            {
                return _unwrap(value);
            }

            try
            {
                return _unwrap(value);
            }
            catch (Exception)
            {
                // A wrapper whose members cannot be read (a script property that throws) is shown as its text.
                return value.ToString();
            }
        }

        private static JsonValue Text(object value) => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);

        private JsonObject FromDictionary(IDictionary dictionary, int depth)
        {
            var result = new JsonObject();
            foreach (DictionaryEntry entry in dictionary)
            {
                if (BudgetSpent)
                {
                    break;
                }

                var key = Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture) ?? string.Empty;
                if (result.ContainsKey(key) && !IsSummary)
                {
                    throw new EdgeeException(EdgeeErrorIds.DuplicateInputKey, $"The key '{key}' appears twice in the input.");
                }

                result[key] = Build(entry.Value, depth + 1);
            }

            return result;
        }

        private JsonArray FromList(IEnumerable items, int depth)
        {
            var result = new JsonArray();
            foreach (var item in items)
            {
                if (BudgetSpent)
                {
                    break;
                }

                result.Add(Build(item, depth + 1));
            }

            return result;
        }

        // Our own models go out snake_case, as the gateway expects; other objects keep their property names.
        private JsonObject FromProperties(object value, int depth)
        {
            var isOwnModel = value.GetType().Namespace == typeof(ChatMessage).Namespace;
            var result = new JsonObject();
            foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (BudgetSpent)
                {
                    break;
                }

                if (!property.CanRead || property.GetIndexParameters().Length > 0)
                {
                    continue;
                }

                if (isOwnModel && property.IsDefined(typeof(JsonIgnoreAttribute)))
                {
                    continue;
                }

                if (!TryRead(property, value, out var propertyValue) || (isOwnModel && propertyValue is null))
                {
                    continue;
                }

                // Extra fields sit beside the modelled ones on the wire, as System.Text.Json would put them.
                if (isOwnModel && property.IsDefined(typeof(JsonExtensionDataAttribute)) && propertyValue is IDictionary extra)
                {
                    foreach (var pair in FromDictionary(extra, depth + 1))
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
                result[name] = Build(propertyValue, depth + 1);
            }

            return result;
        }

        // In a summary, a getter that throws (a process that has exited, a handle that is closed) is left out.
        private bool TryRead(PropertyInfo property, object value, out object? propertyValue)
        {
            try
            {
                propertyValue = property.GetValue(value);
                return true;
            }
            catch (Exception) when (IsSummary)
            {
                propertyValue = null;
                return false;
            }
        }
    }
}
