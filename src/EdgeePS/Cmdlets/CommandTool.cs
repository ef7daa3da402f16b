using System.Collections.Generic;
using System.Management.Automation;
using EdgeePS.Tools;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// A tool backed by a PowerShell command or script block: what the runner invokes, by PowerShell's own binder,
    /// with the parameters offered to the model.
    /// </summary>
    internal sealed class CommandTool : IToolHandler
    {
        public CommandTool(object target, string command, IReadOnlyList<ToolParameter> parameters, ISet<string> switches)
        {
            Target = target;
            Command = command;
            Parameters = parameters;
            Switches = switches;
        }

        /// <summary>A <see cref="CommandInfo"/> or a <see cref="ScriptBlock"/>: what <c>&amp;</c> invokes.</summary>
        public object Target { get; }

        /// <summary>The command name, or the script block's text: how a command line starts.</summary>
        public string Command { get; }

        public IReadOnlyList<ToolParameter> Parameters { get; }

        /// <summary>The offered parameters that are switches, which a command line writes as <c>-Name</c> or <c>-Name:$false</c>.</summary>
        public ISet<string> Switches { get; }
    }
}
