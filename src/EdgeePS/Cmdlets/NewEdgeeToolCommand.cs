using System.Management.Automation;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Makes a tool the model may call from a PowerShell command (its name, description and parameters from the
    /// command's own metadata and help) or from a script block. Give the result to -Tool.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "EdgeeTool", DefaultParameterSetName = CommandSet)]
    [OutputType(typeof(ToolDefinition))]
    public sealed class NewEdgeeToolCommand : PSCmdlet
    {
        private const string CommandSet = "Command";
        private const string ScriptBlockSet = "ScriptBlock";

        /// <summary>The command to run: a name (functions of the calling script included) or a CommandInfo from Get-Command.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = CommandSet)]
        [ValidateNotNull]
        public object? Command { get; set; }

        /// <summary>The tool's name as the model sees it; the command's name by default.</summary>
        [Parameter(ParameterSetName = CommandSet)]
        [Parameter(Mandatory = true, ParameterSetName = ScriptBlockSet)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>What the tool does, for the model; the command's synopsis by default.</summary>
        [Parameter(ParameterSetName = CommandSet)]
        [Parameter(Mandatory = true, ParameterSetName = ScriptBlockSet)]
        [ValidateNotNullOrEmpty]
        public string? Description { get; set; }

        /// <summary>Offer only these of the command's parameters.</summary>
        [Parameter(ParameterSetName = CommandSet)]
        [ValidateNotNullOrEmpty]
        public string[]? Parameter { get; set; }

        /// <summary>Offer this parameter set's parameters instead of the default set's.</summary>
        [Parameter(ParameterSetName = CommandSet)]
        [ValidateNotNullOrEmpty]
        public new string? ParameterSetName { get; set; }

        /// <summary>The code to run; its param() block is what the model may pass.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ScriptBlockSet)]
        [ValidateNotNull]
        public ScriptBlock? ScriptBlock { get; set; }

        protected override void ProcessRecord()
        {
            var factory = new CommandToolFactory(this);
            try
            {
                WriteObject(ScriptBlock != null
                    ? factory.FromScriptBlock(ScriptBlock, Name!, Description!)
                    : factory.FromCommand(CommandInfo(factory), Name, Description, Parameter, ParameterSetName));
            }
            catch (EdgeeException error)
            {
                WriteError(ErrorRecords.From(error, Command ?? Name));
            }
        }

        private CommandInfo CommandInfo(CommandToolFactory factory)
        {
            switch (Command is PSObject wrapped ? wrapped.BaseObject : Command)
            {
                case CommandInfo command:
                    return command;
                case string name:
                    return factory.Find(name);
                default:
                    throw new EdgeeException(
                        EdgeeErrorIds.InvalidTool,
                        $"-Command takes a command name or a CommandInfo (Get-Command); it got a {Command?.GetType().FullName}.");
            }
        }
    }
}
