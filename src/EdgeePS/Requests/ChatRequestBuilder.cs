using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EdgeePS.Serialization;

namespace EdgeePS.Requests
{
    /// <summary>
    /// Turns what the caller gave (a prompt, a dictionary, a <see cref="ChatInput"/>) into a validated request
    /// body. Every rule here runs before anything is sent, so bad input never costs a round trip.
    /// </summary>
    internal static class ChatRequestBuilder
    {
        private static readonly Regex ToolName = new Regex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant);
        private static readonly string[] ToolChoiceWords = { "none", "auto", "required" };

        /// <summary>What the piped context is wrapped in, ahead of the prompt (see AddContext).</summary>
        public const string ContextOpening = "<context>\n";
        public const string ContextClosing = "\n</context>\n\n";

        /// <param name="input">A string, an <see cref="IDictionary"/>, or a <see cref="ChatInput"/>.</param>
        /// <param name="unwrap">Strips the host's wrappers from any value (identity when there are none).</param>
        /// <param name="additions">Fields given as parameters rather than in the input.</param>
        public static ChatRequest Build(string model, object? input, bool stream, Func<object, object?> unwrap, RequestAdditions? additions = null)
        {
            if (string.IsNullOrWhiteSpace(model))
            {
                throw new EdgeeException(EdgeeErrorIds.ModelMissing, "A model is required, e.g. 'gpt-5.2'.");
            }

            var body = new JsonObject { ["model"] = model };
            var fields = ToFields(input is null ? null : unwrap(input), unwrap);
            foreach (var pair in Detach(fields))
            {
                var key = InputKeys.Request.Canonical(pair.Key);
                if (key == "model" || key == "stream")
                {
                    throw new EdgeeException(
                        EdgeeErrorIds.ReservedInputKey,
                        $"The input may not set '{key}': use the -{(key == "model" ? "Model" : "Stream")} parameter instead.");
                }

                if (body.ContainsKey(key))
                {
                    throw new EdgeeException(EdgeeErrorIds.DuplicateInputKey, $"The input sets '{key}' twice ('{pair.Key}').");
                }

                body[key] = Validate(key, pair.Value);
            }

            if (!(body["messages"] is JsonArray messages))
            {
                throw new EdgeeException(EdgeeErrorIds.MessagesMissing, "The input has no 'messages': give a prompt string or a list of messages.");
            }

            if (additions != null)
            {
                if (additions.Context != null)
                {
                    AddContext(messages, additions.Context);
                }

                if (additions.History.Count > 0)
                {
                    // The conversation so far comes first, checked like the input's own messages.
                    var history = ValidateMessages(new JsonArray(additions.History.Select(message => JsonTreeBuilder.ToNode(message, unwrap)).ToArray()));
                    var position = 0;
                    foreach (var message in Detach(history))
                    {
                        messages.Insert(position++, message);
                    }
                }

                Add(body, messages, additions, unwrap);
            }

            if (stream)
            {
                body["stream"] = true;
                AddStreamOptions(body, additions?.IncludeUsage);
            }

            return new ChatRequest(model, stream, body);
        }

        /// <summary>Checks tools given apart from any input (-Tool), so a bad one is refused once, before any request.</summary>
        public static void CheckTools(System.Collections.Generic.IEnumerable<object> tools, Func<object, object?> unwrap) =>
            ValidateTools(new JsonArray(tools.Select(tool => JsonTreeBuilder.ToNode(tool, unwrap)).ToArray()));

        private static void Add(JsonObject body, JsonArray messages, RequestAdditions additions, Func<object, object?> unwrap)
        {
            if (additions.Tools.Count > 0)
            {
                // -Tool adds to the input's own tools; one list, checked as a whole, so no name is given twice.
                var tools = body["tools"] is JsonArray given ? new JsonArray(Detach(given).ToArray()) : new JsonArray();
                foreach (var tool in additions.Tools)
                {
                    tools.Add(JsonTreeBuilder.ToNode(tool, unwrap));
                }

                body["tools"] = ValidateTools(tools);
            }

            AddParameter(body, "response_format", additions.ResponseFormatParameter, additions.ResponseFormat?.DeepClone());
            AddParameter(body, "max_tokens", "MaxTokens", additions.MaxTokens is int maxTokens ? JsonValue.Create(maxTokens) : null);
            AddParameter(body, "temperature", "Temperature", additions.Temperature is double temperature ? JsonValue.Create(temperature) : null);
            AddParameter(body, "compression_model", "CompressionModel", additions.CompressionModel is string compression ? JsonValue.Create(compression) : null);
            AddParameter(body, "tags", "Tag", additions.Tags is null ? null : new JsonArray(additions.Tags.Select(tag => (JsonNode?)JsonValue.Create(tag)).ToArray()));

            if (additions.SystemPrompt != null)
            {
                if (messages.Any(message => message?["role"]?.GetValue<string>() == "system"))
                {
                    throw new EdgeeException(
                        EdgeeErrorIds.ParameterConflictsWithInput,
                        additions.History.Count > 0
                            ? "-SystemPrompt was given and the chat or the input already has a system message: give the system prompt once, to New-EdgeeChat."
                            : "-SystemPrompt was given and the input already has a system message: use one or the other.");
                }

                messages.Insert(0, new JsonObject { ["role"] = "system", ["content"] = additions.SystemPrompt });
            }

            if (additions.DefaultTags.Count > 0)
            {
                var tags = body["tags"] as JsonArray ?? new JsonArray();
                var present = tags.Select(tag => tag?.GetValue<string>()).ToList();
                foreach (var tag in additions.DefaultTags.Where(tag => !present.Contains(tag)))
                {
                    tags.Add(tag);
                }

                body["tags"] = tags;
            }
        }

        /// <summary>
        /// Puts the text piped in as context before the input's last user message, marked off so the model tells the
        /// data from the question: <c>&lt;context&gt;</c>, the text, <c>&lt;/context&gt;</c>, a blank line, then the message.
        /// </summary>
        private static void AddContext(JsonArray messages, string context)
        {
            var message = messages.OfType<JsonObject>().LastOrDefault(candidate =>
                candidate["role"] is JsonValue role && role.TryGetValue(out string? name) && name == "user"
                && candidate["content"] is JsonValue content && content.TryGetValue(out string? _));
            if (message is null)
            {
                throw new EdgeeException(EdgeeErrorIds.InvalidInputValue, "The input has no user message with text to put the piped context before: give the prompt as a string.");
            }

            message["content"] = ContextOpening + context + ContextClosing + message["content"]!.GetValue<string>();
        }

        // A stream asks for its usage chunk unless told otherwise, so a joined answer has token counts without asking.
        private static void AddStreamOptions(JsonObject body, bool? includeUsage)
        {
            if (includeUsage.HasValue && body.ContainsKey("stream_options"))
            {
                throw Conflict("IncludeUsage", "stream_options");
            }

            if (includeUsage != false && !body.ContainsKey("stream_options"))
            {
                body["stream_options"] = new JsonObject { ["include_usage"] = true };
            }
        }

        private static void AddParameter(JsonObject body, string key, string parameterName, JsonNode? value)
        {
            if (value is null)
            {
                return;
            }

            if (body.ContainsKey(key))
            {
                throw Conflict(parameterName, key);
            }

            body[key] = Validate(key, value);
        }

        private static EdgeeException Conflict(string parameterName, string key) => new EdgeeException(
            EdgeeErrorIds.ParameterConflictsWithInput,
            $"-{parameterName} was given and the input also sets '{key}': use one or the other.");

        private static JsonObject ToFields(object? input, Func<object, object?> unwrap)
        {
            switch (input)
            {
                case string prompt when string.IsNullOrWhiteSpace(prompt):
                    throw new EdgeeException(EdgeeErrorIds.EmptyPrompt, "The prompt is empty.");
                case string prompt:
                    return new JsonObject { ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = prompt }) };
                case IDictionary _:
                case ChatInput _:
                    return (JsonObject)JsonTreeBuilder.ToNode(input, unwrap)!;
                case object value when HasMessagesProperty(value):
                    return (JsonObject)JsonTreeBuilder.ToNode(value, unwrap)!;
                default:
                    var typeName = input?.GetType().FullName ?? "null";
                    throw new EdgeeException(
                        EdgeeErrorIds.InputTypeNotSupported,
                        $"An input of type {typeName} cannot be a prompt: give a string, a hashtable or object with 'messages', or an EdgeePS.ChatInput.");
            }
        }

        // Any object shaped like a request (a C# record, a class from another module) is one; a number or a file is not.
        private static bool HasMessagesProperty(object value) =>
            value.GetType().GetProperty("Messages", BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) != null;

        private static JsonNode? Validate(string key, JsonNode? value)
        {
            switch (key)
            {
                case "messages": return ValidateMessages(value);
                case "tools": return ValidateTools(value);
                case "tool_choice": return ValidateToolChoice(value);
                case "tags": return ValidateTags(value);
                case "compression_model": return RequireString(key, value);
                case "compression_configuration": return ValidateCompressionConfiguration(value);
                case "enable_compression": return RequireBoolean(key, value);
                case "compression_rate": return RequireNumber(key, value, 0, 1);
                case "max_tokens": return RequireNumber(key, value, 1, int.MaxValue, wholeNumber: true);
                case "temperature": return RequireNumber(key, value, 0, 2);
                case "top_p": return RequireNumber(key, value, 0, 1);
                case "stream_options": return Normalise(RequireObject(key, value), InputKeys.StreamOptions);
                default: return value;
            }
        }

        /// <summary>Checks and normalises a list of messages as a request sends them: a role each, tool messages with their call's id.</summary>
        /// <param name="firstPosition">The place of the first message in the whole list, for the errors' messages.</param>
        internal static JsonArray ValidateMessages(JsonNode? value, int firstPosition = 0)
        {
            // A lone message (a common slip: @{...} where @(@{...}) was meant) is taken as a list of one.
            var messages = value is JsonObject single ? new JsonArray(single) : value as JsonArray;
            if (messages is null || messages.Count == 0)
            {
                throw new EdgeeException(EdgeeErrorIds.MessagesMissing, "'messages' must be a non-empty list of messages.");
            }

            var result = new JsonArray();
            var position = firstPosition;
            foreach (var item in Detach(messages))
            {
                if (!(item is JsonObject message))
                {
                    throw new EdgeeException(EdgeeErrorIds.InvalidMessage, $"Message {position} is not an object with a 'role' and 'content'.");
                }

                message = Normalise(message, InputKeys.Message);
                var role = message["role"] is JsonValue roleValue && roleValue.TryGetValue(out string? text) ? text : null;
                if (string.IsNullOrWhiteSpace(role))
                {
                    throw new EdgeeException(EdgeeErrorIds.MessageRoleMissing, $"Message {position} has no 'role' (system, user, assistant, tool or developer).");
                }

                if (role == "tool" && !(message["tool_call_id"] is JsonValue id && id.TryGetValue(out string? idText) && !string.IsNullOrWhiteSpace(idText)))
                {
                    throw new EdgeeException(EdgeeErrorIds.ToolCallIdMissing, $"Message {position} has role 'tool' but no 'tool_call_id'.");
                }

                if (message["tool_calls"] is JsonArray toolCalls)
                {
                    message["tool_calls"] = NormaliseEach(toolCalls, InputKeys.ToolCall, InputKeys.FunctionCall);
                }

                result.Add(message);
                position++;
            }

            return result;
        }

        private static JsonArray ValidateTools(JsonNode? value)
        {
            var tools = value is JsonObject single ? new JsonArray(single) : value as JsonArray
                ?? throw new EdgeeException(EdgeeErrorIds.InvalidTool, "'tools' must be a list of tool definitions.");
            var result = new JsonArray();
            var names = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
            foreach (var item in Detach(tools))
            {
                var tool = Normalise(item as JsonObject ?? throw InvalidTool("each tool must be an object"), InputKeys.Tool);
                var function = Normalise(tool["function"] as JsonObject ?? throw InvalidTool("each tool needs a 'function' object"), InputKeys.Function);
                tool["function"] = function;
                var name = function["name"] is JsonValue nameValue && nameValue.TryGetValue(out string? text) ? text : null;
                if (name is null || !ToolName.IsMatch(name))
                {
                    throw InvalidTool($"the function name '{name}' must be 1 to 64 letters, digits, '_' or '-'");
                }

                if (!names.Add(name))
                {
                    throw InvalidTool($"the function name '{name}' is given twice; each tool needs a name of its own");
                }

                if (tool["type"] is null)
                {
                    tool["type"] = "function";
                }

                result.Add(tool);
            }

            return result;
        }

        private static EdgeeException InvalidTool(string reason) =>
            new EdgeeException(EdgeeErrorIds.InvalidTool, $"Invalid tool definition: {reason}.");

        private static JsonNode ValidateToolChoice(JsonNode? value)
        {
            if (value is JsonValue word && word.TryGetValue(out string? text) && ToolChoiceWords.Contains(text))
            {
                return value;
            }

            if (value is JsonObject choice)
            {
                return NormaliseWithFunction(choice, InputKeys.Tool, InputKeys.Function);
            }

            throw new EdgeeException(
                EdgeeErrorIds.InvalidInputValue,
                "'tool_choice' must be 'none', 'auto', 'required' or @{ type = 'function'; function = @{ name = '...' } }.");
        }

        private static JsonArray ValidateTags(JsonNode? value)
        {
            var tags = value is JsonValue ? new JsonArray(value) : value as JsonArray;
            if (tags is null || tags.Any(tag => !(tag is JsonValue tagValue && tagValue.TryGetValue(out string? _))))
            {
                throw new EdgeeException(EdgeeErrorIds.InvalidInputValue, "'tags' must be a string or a list of strings.");
            }

            return tags;
        }

        private static JsonObject ValidateCompressionConfiguration(JsonNode? value)
        {
            var configuration = Normalise(RequireObject("compression_configuration", value), InputKeys.CompressionConfiguration);
            if (configuration.ContainsKey("rate"))
            {
                RequireNumber("compression_configuration.rate", configuration["rate"], 0, 1);
            }

            if (configuration.ContainsKey("semantic_preservation_threshold"))
            {
                RequireNumber("compression_configuration.semantic_preservation_threshold", configuration["semantic_preservation_threshold"], 0, 100);
            }

            return configuration;
        }

        private static JsonNode RequireNumber(string key, JsonNode? value, double minimum, double maximum, bool wholeNumber = false)
        {
            if (!(value is JsonValue number) || number.GetValueKind() != JsonValueKind.Number)
            {
                throw new EdgeeException(EdgeeErrorIds.InvalidInputValue, $"'{key}' must be a number.");
            }

            // The node may hold any numeric CLR type (an int from PowerShell, a decimal...); its JSON text is uniform.
            var actual = double.Parse(number.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            if (actual < minimum || actual > maximum || (wholeNumber && Math.Floor(actual) != actual))
            {
                var range = wholeNumber ? $"a whole number of at least {minimum}" : $"between {minimum} and {maximum}";
                throw new EdgeeException(EdgeeErrorIds.ValueOutOfRange, $"'{key}' must be {range}; it is {actual}.");
            }

            return number;
        }

        private static JsonNode RequireBoolean(string key, JsonNode? value) =>
            value is JsonValue flag && (flag.GetValueKind() == JsonValueKind.True || flag.GetValueKind() == JsonValueKind.False)
                ? flag
                : throw new EdgeeException(EdgeeErrorIds.InvalidInputValue, $"'{key}' must be $true or $false.");

        private static JsonNode RequireString(string key, JsonNode? value) =>
            value is JsonValue text && text.GetValueKind() == JsonValueKind.String
                ? text
                : throw new EdgeeException(EdgeeErrorIds.InvalidInputValue, $"'{key}' must be a string.");

        private static JsonObject RequireObject(string key, JsonNode? value) =>
            value as JsonObject ?? throw new EdgeeException(EdgeeErrorIds.InvalidInputValue, $"'{key}' must be a hashtable or object.");

        /// <summary>Normalises each object of a list, and the 'function' object inside it.</summary>
        private static JsonArray NormaliseEach(JsonArray items, InputKeys keys, InputKeys functionKeys)
        {
            var result = new JsonArray();
            foreach (var item in Detach(items))
            {
                result.Add(item is JsonObject value ? NormaliseWithFunction(value, keys, functionKeys) : item);
            }

            return result;
        }

        private static JsonObject NormaliseWithFunction(JsonObject value, InputKeys keys, InputKeys functionKeys)
        {
            var result = Normalise(value, keys);
            if (result["function"] is JsonObject function)
            {
                result["function"] = Normalise(function, functionKeys);
            }

            return result;
        }

        private static JsonObject Normalise(JsonObject value, InputKeys keys)
        {
            var result = new JsonObject();
            foreach (var pair in Detach(value))
            {
                var key = keys.Canonical(pair.Key);
                if (result.ContainsKey(key))
                {
                    throw new EdgeeException(EdgeeErrorIds.DuplicateInputKey, $"The key '{key}' is given twice ('{pair.Key}').");
                }

                result[key] = pair.Value;
            }

            return result;
        }

        // A JSON node has one parent: take the children out so they can be placed in the normalised tree.
        private static System.Collections.Generic.List<System.Collections.Generic.KeyValuePair<string, JsonNode?>> Detach(JsonObject value)
        {
            var pairs = value.ToList();
            value.Clear();
            return pairs;
        }

        private static System.Collections.Generic.List<JsonNode?> Detach(JsonArray value)
        {
            var items = value.ToList();
            value.Clear();
            return items;
        }
    }
}
