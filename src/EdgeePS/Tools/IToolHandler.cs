using System.Collections.Generic;

namespace EdgeePS.Tools
{
    /// <summary>
    /// What a runnable tool is to the tool loop: the command it stands for and the parameters it offers. The cmdlet
    /// layer implements it (a PowerShell command) and runs it through its <see cref="IToolRunner"/>.
    /// </summary>
    internal interface IToolHandler
    {
        /// <summary>What runs, for people: a command name, or a description of a script block.</summary>
        string Command { get; }

        IReadOnlyList<ToolParameter> Parameters { get; }
    }
}
