using System.Collections.Generic;

namespace EdgeePS.Tools
{
    /// <summary>
    /// Runs tool calls where the caller's commands live. The chat cmdlets implement it; the tool loop calls it on the
    /// thread that enumerates the turn, which is the pipeline thread, so commands and confirmation prompts run there.
    /// The arguments have already been checked against the tool's parameters.
    /// </summary>
    internal interface IToolRunner
    {
        /// <summary>The command line the call runs, as a person would type it: for confirmation, narration and the record.</summary>
        string CommandLine(IToolHandler tool, IReadOnlyList<KeyValuePair<string, object?>> arguments);

        ToolRunResult Run(IToolHandler tool, IReadOnlyList<KeyValuePair<string, object?>> arguments, string commandLine);
    }
}
