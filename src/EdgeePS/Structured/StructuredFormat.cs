using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EdgeePS.Serialization;

namespace EdgeePS.Structured
{
    /// <summary>
    /// A structured answer asked for: the request's <c>response_format</c>, and how the answer's text is read back
    /// into <see cref="CompletionResponse.Parsed"/> — into the type a schema was made from, or into the caller's own
    /// objects (<c>toObjects</c>, so this layer knows no host) for a schema of the caller's, plain JSON, or a
    /// <c>response_format</c> the input set itself.
    /// </summary>
    internal sealed class StructuredFormat
    {
        private const string DefaultName = "response";
        private static readonly Regex SchemaName = new Regex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant);

        private readonly TypedJsonReader? _typed;
        private readonly Func<JsonElement, object?>? _toObjects;
        private readonly bool _requiresObject;

        private StructuredFormat(JsonObject? responseFormat, string description, TypedJsonReader? typed, Func<JsonElement, object?>? toObjects, bool requiresObject)
        {
            ResponseFormat = responseFormat;
            Description = description;
            _typed = typed;
            _toObjects = toObjects;
            _requiresObject = requiresObject;
        }

        /// <summary>What the request's <c>response_format</c> is set to; null when the input set its own.</summary>
        public JsonObject? ResponseFormat { get; }

        /// <summary>What the answer is asked to be, for messages: "[Alert]", "the JSON schema 'alert'", "JSON".</summary>
        public string Description { get; }

        /// <summary>Why a schema of the caller's is sent without <c>strict</c>; null when it is strict (or not a schema).</summary>
        public string? NotStrictBecause { get; private set; }

        /// <summary>A schema made from <paramref name="type"/>, strict, answered by an instance of it.</summary>
        public static StructuredFormat ForType(Type type)
        {
            var schema = JsonSchemaGenerator.ForType(type);
            var name = SchemaName.IsMatch(type.Name) ? type.Name : Regex.Replace(type.Name, "[^A-Za-z0-9_-]", "_");
            return new StructuredFormat(JsonSchemaFormat(name.Length > 64 ? name.Substring(0, 64) : name, schema, strict: true), $"[{type.Name}]", new TypedJsonReader(type), null, requiresObject: true);
        }

        /// <summary>
        /// A schema of the caller's (a dictionary, an object or JSON text), sent as given: the schema itself, or the
        /// <c>json_schema</c> object around it (<c>name</c>, <c>schema</c>, optional <c>description</c> and <c>strict</c>).
        /// It is sent strict when it is ready for it (<see cref="StrictSchemaCheck"/>) and the caller did not say otherwise.
        /// </summary>
        public static StructuredFormat ForSchema(object schema, Func<object, object?> unwrap, Func<JsonElement, object?> toObjects)
        {
            var given = schema is string text ? ParseSchemaText(text) : JsonTreeBuilder.ToNode(schema, unwrap) as JsonObject
                ?? throw Invalid("-JsonSchema takes a class or .NET type, a JSON schema as a hashtable, or JSON text; this is none of them.");
            var wrapped = given["schema"] is JsonObject && !given.ContainsKey("properties") && !given.ContainsKey("type");
            var body = wrapped ? (JsonObject)given["schema"]!.DeepClone() : given;
            var name = wrapped ? Text(given, "name") : Text(body, "title");
            if (wrapped && name is null)
            {
                throw Invalid("A json_schema object needs a 'name' beside its 'schema'.");
            }

            if (name != null && !SchemaName.IsMatch(name))
            {
                throw Invalid($"The schema's name '{name}' must be 1 to 64 letters, digits, '_' or '-'.");
            }

            var notStrict = StrictSchemaCheck.Problem(body);
            var strict = wrapped && given["strict"] is JsonValue flag && flag.GetValueKind() == JsonValueKind.False ? false : notStrict is null;
            var format = JsonSchemaFormat(name ?? DefaultName, body, strict);
            if (wrapped && Text(given, "description") is string description)
            {
                ((JsonObject)format["json_schema"]!)["description"] = description;
            }

            var requiresObject = Text(body, "type") == "object";
            return new StructuredFormat(format, $"the JSON schema '{name ?? DefaultName}'", null, toObjects, requiresObject)
            {
                NotStrictBecause = strict ? null : notStrict ?? "its json_schema says strict = $false",
            };
        }

        /// <summary>Any JSON object, no schema (<c>json_object</c>).</summary>
        public static StructuredFormat ForJson(Func<JsonElement, object?> toObjects) =>
            new StructuredFormat(new JsonObject { ["type"] = "json_object" }, "JSON", null, toObjects, requiresObject: true);

        /// <summary>The input's own <c>response_format</c>, when it asks for JSON; null when it asks for none.</summary>
        public static StructuredFormat? FromRequest(JsonNode? responseFormat, Func<JsonElement, object?> toObjects)
        {
            // Only an object asks for anything; a bare string such as "json_object" is the gateway's to refuse.
            var format = responseFormat as JsonObject;
            var type = format is null ? null : Text(format, "type");
            var schema = (format?["json_schema"] as JsonObject)?["schema"] as JsonObject;
            switch (type)
            {
                case "json_object":
                    return new StructuredFormat(null, "JSON", null, toObjects, requiresObject: true);
                case "json_schema":
                    return new StructuredFormat(null, "the input's JSON schema", null, toObjects, schema != null && Text(schema, "type") == "object");
                default:
                    return null;
            }
        }

        /// <summary>
        /// Reads the first choice of a final answer into <see cref="CompletionResponse.Parsed"/>, or says in
        /// <see cref="CompletionResponse.StructuredError"/> why not: the model refused, or its text is not JSON for the
        /// format. An answer cut short is not read (its own error says why), nor one that hands tool calls back.
        /// </summary>
        public void Apply(CompletionResponse response)
        {
            var message = response.Message;
            if (!response.IsComplete || (message?.ToolCalls?.Count > 0 && message.Content is null))
            {
                return;
            }

            if (!string.IsNullOrEmpty(message?.Refusal))
            {
                response.StructuredError = new EdgeeException(EdgeeErrorIds.ModelRefused, $"The model declined to answer as {Description}: {message!.Refusal}");
                return;
            }

            var content = message?.Content;
            if (string.IsNullOrWhiteSpace(content))
            {
                response.StructuredError = NotValid("it has no text");
                return;
            }

            try
            {
                response.Parsed = _typed != null ? _typed.Read(content!) : Untyped(content!);
            }
            catch (JsonException error)
            {
                var cut = response.FinishReason == "length" ? " It was cut short at the token limit (finish reason 'length'): raise -MaxTokens." : string.Empty;
                response.StructuredError = NotValid(error.Message + cut);
            }
        }

        private object? Untyped(string content)
        {
            using var document = JsonDocument.Parse(content);
            if (_requiresObject && document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException($"It is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object.");
            }

            return _toObjects!(document.RootElement);
        }

        private EdgeeException NotValid(string why) =>
            new EdgeeException(EdgeeErrorIds.InvalidStructuredResponse, $"The answer is not valid JSON for {Description}, so Parsed is empty and Text holds what the model wrote: {why}");

        private static JsonObject JsonSchemaFormat(string name, JsonObject schema, bool strict) => new JsonObject
        {
            ["type"] = "json_schema",
            ["json_schema"] = new JsonObject { ["name"] = name, ["schema"] = schema, ["strict"] = strict },
        };

        private static JsonObject ParseSchemaText(string text)
        {
            try
            {
                return JsonNode.Parse(text) as JsonObject ?? throw Invalid("-JsonSchema's JSON text must be an object: a JSON schema.");
            }
            catch (JsonException error)
            {
                throw Invalid($"-JsonSchema's text is not JSON: {error.Message}");
            }
        }

        private static string? Text(JsonObject value, string key) =>
            value[key] is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : null;

        private static EdgeeException Invalid(string message) => new EdgeeException(EdgeeErrorIds.InvalidJsonSchema, message);
    }
}
