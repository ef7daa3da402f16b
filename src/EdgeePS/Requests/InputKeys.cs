using System;
using System.Collections.Generic;
using System.Linq;

namespace EdgeePS.Requests
{
    /// <summary>
    /// Maps the keys a caller wrote to the gateway's names. Case and underscores are ignored, so
    /// <c>MaxTokens</c>, <c>maxtokens</c> and <c>max_tokens</c> all mean <c>max_tokens</c>.
    /// </summary>
    internal sealed class InputKeys
    {
        public static readonly InputKeys Request = new InputKeys(
            "messages", "tools", "tool_choice", "tags", "compression_model", "compression_configuration",
            "enable_compression", "compression_rate", "max_tokens", "temperature", "top_p", "stream_options",
            "model", "stream");

        public static readonly InputKeys Message = new InputKeys("role", "content", "name", "tool_call_id", "tool_calls");

        /// <summary>What a message read back (a saved chat) carries beyond what a request sends.</summary>
        public static readonly InputKeys MessageReadBack = new InputKeys("reasoning_content", "reasoning", "refusal");
        public static readonly InputKeys CompressionConfiguration = new InputKeys("rate", "semantic_preservation_threshold");
        public static readonly InputKeys StreamOptions = new InputKeys("include_usage");
        public static readonly InputKeys Tool = new InputKeys("type", "function");
        public static readonly InputKeys Function = new InputKeys("name", "description", "parameters");
        public static readonly InputKeys ToolCall = new InputKeys("id", "type", "function");
        public static readonly InputKeys FunctionCall = new InputKeys("name", "arguments");

        private readonly Dictionary<string, string> _canonicalByLooseName;

        private InputKeys(params string[] canonicalNames)
        {
            _canonicalByLooseName = canonicalNames.ToDictionary(Loosen, name => name, StringComparer.Ordinal);
        }

        /// <summary>The gateway's name for <paramref name="key"/>, or the key as given when it is not one we know.</summary>
        public string Canonical(string key) =>
            _canonicalByLooseName.TryGetValue(Loosen(key), out var canonical) ? canonical : key;

        private static string Loosen(string key) => key.Replace("_", string.Empty).ToLowerInvariant();
    }
}
