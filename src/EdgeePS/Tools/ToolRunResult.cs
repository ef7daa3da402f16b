using System;
using System.Collections.Generic;

namespace EdgeePS.Tools
{
    /// <summary>What came of asking a runner to run one call: the command's output and errors, or why it did not run.</summary>
    internal sealed class ToolRunResult
    {
        private ToolRunResult(ToolInvocationStatus status, IReadOnlyList<object?> output, IReadOnlyList<string> errors)
        {
            Status = status;
            Output = output;
            Errors = errors;
        }

        /// <summary><see cref="ToolInvocationStatus.Succeeded"/>, Failed, NotRun or Declined.</summary>
        public ToolInvocationStatus Status { get; }

        public IReadOnlyList<object?> Output { get; }

        /// <summary>The messages of the errors the command threw or wrote.</summary>
        public IReadOnlyList<string> Errors { get; }

        public static ToolRunResult Ran(IReadOnlyList<object?> output, IReadOnlyList<string> errors) =>
            new ToolRunResult(errors.Count == 0 ? ToolInvocationStatus.Succeeded : ToolInvocationStatus.Failed, output, errors);

        /// <summary>-WhatIf: described, not run.</summary>
        public static ToolRunResult NotRun() => new ToolRunResult(ToolInvocationStatus.NotRun, Array.Empty<object?>(), Array.Empty<string>());

        /// <summary>-Confirm answered No.</summary>
        public static ToolRunResult Declined() => new ToolRunResult(ToolInvocationStatus.Declined, Array.Empty<object?>(), Array.Empty<string>());
    }
}
