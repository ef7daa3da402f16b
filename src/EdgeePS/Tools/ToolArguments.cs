using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json;
using EdgeePS.Serialization;

namespace EdgeePS.Tools
{
    /// <summary>
    /// The arguments of one tool call, read from the JSON the model wrote and checked against the tool's parameters
    /// before anything runs: an object, naming only offered parameters (case as the parameter has it), with every
    /// required one. Values become plain .NET values a binder converts: strings, Int64 (else BigInteger or Double),
    /// Boolean, null, object arrays, and ordered case-insensitive dictionaries for objects.
    /// </summary>
    internal sealed class ToolArguments
    {
        private ToolArguments(IReadOnlyList<KeyValuePair<string, object?>> values, string? error)
        {
            Values = values;
            Error = error;
        }

        /// <summary>Parameter name to value, in the order the model wrote them; empty when <see cref="Error"/> is set.</summary>
        public IReadOnlyList<KeyValuePair<string, object?>> Values { get; }

        /// <summary>Why the arguments cannot be bound, in words for the model; null when they can.</summary>
        public string? Error { get; }

        public static ToolArguments Parse(string? json, IReadOnlyList<ToolParameter> parameters)
        {
            // Some models send nothing at all for a call without arguments.
            if (string.IsNullOrWhiteSpace(json))
            {
                return Check(Array.Empty<KeyValuePair<string, object?>>(), parameters);
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json!);
            }
            catch (JsonException error)
            {
                return Invalid($"the arguments are not valid JSON ({error.Message})");
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return Invalid($"the arguments must be a JSON object of parameter names and values, not a {Describe(document.RootElement.ValueKind)}");
                }

                var values = new List<KeyValuePair<string, object?>>();
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    var parameter = parameters.FirstOrDefault(candidate => string.Equals(candidate.Name, property.Name, StringComparison.OrdinalIgnoreCase));
                    if (parameter is null)
                    {
                        var offered = parameters.Count == 0 ? "it takes none" : "its parameters are " + string.Join(", ", parameters.Select(candidate => candidate.Name));
                        return Invalid($"'{property.Name}' is not a parameter of this tool; {offered}");
                    }

                    if (values.Any(value => value.Key == parameter.Name))
                    {
                        return Invalid($"'{parameter.Name}' is given twice");
                    }

                    values.Add(new KeyValuePair<string, object?>(parameter.Name, ToValue(property.Value)));
                }

                return Check(values, parameters);
            }
        }

        /// <summary>The values as a dictionary a script can read (<c>$invocation.Arguments.Unit</c>).</summary>
        public OrderedDictionary ToDictionary()
        {
            var dictionary = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in Values)
            {
                dictionary[pair.Key] = pair.Value;
            }

            return dictionary;
        }

        private static ToolArguments Check(IReadOnlyList<KeyValuePair<string, object?>> values, IReadOnlyList<ToolParameter> parameters)
        {
            // A missing mandatory parameter would make PowerShell prompt for it: never let a model's call wait on a person.
            var missing = parameters.Where(parameter => parameter.Required && values.All(value => value.Key != parameter.Name)).Select(parameter => parameter.Name).ToList();
            return missing.Count == 0
                ? new ToolArguments(values, null)
                : Invalid($"the required argument(s) {string.Join(", ", missing.Select(name => "'" + name + "'"))} are missing");
        }

        private static ToolArguments Invalid(string reason) =>
            new ToolArguments(Array.Empty<KeyValuePair<string, object?>>(), reason);

        // Nested objects are ordered, case-insensitive dictionaries: PowerShell binds them to [hashtable] and reads them by key.
        private static object? ToValue(JsonElement value) => JsonValues.ToValue(value, properties =>
        {
            var result = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            foreach (var property in properties)
            {
                result[property.Key] = property.Value;
            }

            return result;
        });

        private static string Describe(JsonValueKind kind) => kind == JsonValueKind.Array ? "list" : kind.ToString().ToLowerInvariant();
    }
}
