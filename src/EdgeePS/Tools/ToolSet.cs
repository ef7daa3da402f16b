using System;
using System.Collections.Generic;
using System.Linq;

namespace EdgeePS.Tools
{
    /// <summary>
    /// The tools of one request: the ones EdgeePS may run (given to -Tool with a command behind them) and every name
    /// the request declares, which includes definitions only (hashtables, the input's own 'tools'). Nothing else runs.
    /// </summary>
    internal sealed class ToolSet
    {
        private readonly Dictionary<string, ToolDefinition> _runnable;
        private readonly IReadOnlyList<string> _declared;

        public ToolSet(IEnumerable<ToolDefinition> runnable, IReadOnlyList<string> declaredNames)
        {
            _runnable = runnable.Where(tool => tool.Handler != null && tool.Function?.Name != null)
                .ToDictionary(tool => tool.Function!.Name!, StringComparer.Ordinal);
            _declared = declaredNames;
        }

        /// <summary>True when at least one tool has a command behind it: only then does a tool loop run.</summary>
        public bool CanRun => _runnable.Count > 0;

        /// <summary>Every tool name the request declares, for the model's benefit when it names another.</summary>
        public IReadOnlyList<string> Names => _declared;

        /// <summary>The tool to run for <paramref name="name"/>, matched exactly as the model must: null when none.</summary>
        public ToolDefinition? Runnable(string? name) =>
            name != null && _runnable.TryGetValue(name, out var tool) ? tool : null;

        /// <summary>True for a declared tool EdgeePS cannot run: its calls go back to the caller.</summary>
        public bool IsDefinitionOnly(string? name) => name != null && Runnable(name) is null && _declared.Contains(name, StringComparer.Ordinal);
    }
}
