using System;
using System.Collections.Specialized;

namespace EdgeePS
{
    /// <summary>
    /// One tool call the model asked for, and what came of it: written to the pipeline while a tool loop streams,
    /// and kept in <see cref="CompletionResponse.ToolInvocations"/>.
    /// </summary>
    public sealed class ToolInvocation
    {
        /// <summary>The model's id for the call (the tool message's <c>tool_call_id</c>).</summary>
        public string? Id { get; set; }

        /// <summary>The function name the model called.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>Which request's answer asked for it: 1 for the first.</summary>
        public int Round { get; set; }

        /// <summary>The arguments as bound (parameter name to value); null when the model's JSON could not be read.</summary>
        public OrderedDictionary? Arguments { get; set; }

        /// <summary>The command line that ran, or would have run; null when nothing could run.</summary>
        public string? CommandLine { get; set; }

        /// <summary>What the model was told: the command's output as text, or why there is none.</summary>
        public string Output { get; set; } = string.Empty;

        public ToolInvocationStatus Status { get; set; }

        public bool Succeeded => Status == ToolInvocationStatus.Succeeded;

        /// <summary>Why the call failed or did not run; null when it succeeded.</summary>
        public string? Error { get; set; }

        public TimeSpan Duration { get; set; }

        /// <summary>Always empty: a tool call is no part of the model's text, so <c>ForEach-Object Text</c> skips it.</summary>
        public string Text => string.Empty;

        public override string ToString()
        {
            var what = CommandLine ?? Name;
            switch (Status)
            {
                case ToolInvocationStatus.Succeeded:
                    return $"{what} ({Output.Length} characters in {Duration.TotalMilliseconds:0} ms)";
                case ToolInvocationStatus.NotRun:
                    return $"{what} (not run: -WhatIf)";
                case ToolInvocationStatus.Declined:
                    return $"{what} (declined)";
                default:
                    return $"{what} (failed: {Error})";
            }
        }
    }
}
