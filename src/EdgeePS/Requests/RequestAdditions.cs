using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace EdgeePS.Requests
{
    /// <summary>
    /// Request fields given outside the input object: a command's convenience parameters (-MaxTokens, ...) and
    /// the session's default tags. A parameter may not also be set by the input: one of them would silently lose.
    /// </summary>
    internal sealed class RequestAdditions
    {
        public string? SystemPrompt { get; set; }
        public IReadOnlyList<string>? Tags { get; set; }
        public int? MaxTokens { get; set; }
        public double? Temperature { get; set; }
        public string? CompressionModel { get; set; }

        /// <summary>Whether a stream asks for its usage chunk; null leaves it to the input, else the default (yes).</summary>
        public bool? IncludeUsage { get; set; }

        /// <summary>Tools given to -Tool (ToolDefinitions, or hashtables in the OpenAI shape), added to the input's own 'tools'.</summary>
        public IReadOnlyList<object> Tools { get; set; } = Array.Empty<object>();

        /// <summary>The conversation so far (-Chat), sent before the input's messages.</summary>
        public IReadOnlyList<ChatMessage> History { get; set; } = Array.Empty<ChatMessage>();

        /// <summary>Text piped in as context (rendered by the caller), put before the input's last user message.</summary>
        public string? Context { get; set; }

        /// <summary>The body's <c>response_format</c> (-JsonSchema, -Json); the input may not set its own as well.</summary>
        public JsonObject? ResponseFormat { get; set; }

        /// <summary>The parameter that gave <see cref="ResponseFormat"/>, for the conflict's message.</summary>
        public string ResponseFormatParameter { get; set; } = "JsonSchema";

        /// <summary>Added to whatever tags the request has; never a conflict.</summary>
        public IReadOnlyList<string> DefaultTags { get; set; } = Array.Empty<string>();
    }
}
