using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using EdgeePS.Tools;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// Makes tools from commands: the function's name, its description from the help, and a JSON Schema from the
    /// parameter metadata of one parameter set (the default one unless told), without the common parameters. Every
    /// problem is an <see cref="EdgeeException"/> before any request: a tool the model could not call correctly is
    /// refused rather than offered.
    /// </summary>
    internal sealed class CommandToolFactory
    {
        private static readonly Regex FunctionName = new Regex("^[a-zA-Z0-9_-]{1,64}$", RegexOptions.CultureInvariant);

        // A script block has no parameter metadata of its own to read: it is read as a function in a scope that ends at once.
        private const string ScriptBlockAsFunction =
            "param($__EdgeePSScriptBlock) ${function:EdgeePSScriptBlockTool} = $__EdgeePSScriptBlock; Get-Command -Name EdgeePSScriptBlockTool -CommandType Function";

        private const int ShownScriptLength = 60;

        private readonly PSCmdlet _caller;

        /// <param name="caller">Whose session the commands are found in, and whose -Verbose hears about parameters left out.</param>
        public CommandToolFactory(PSCmdlet caller) => _caller = caller;

        /// <summary>The command a name stands for in the caller's session, functions of the caller's script included.</summary>
        public CommandInfo Find(string name)
        {
            var command = _caller.SessionState.InvokeCommand.GetCommand(name, CommandTypes.All);
            return command ?? throw new EdgeeException(
                EdgeeErrorIds.ToolNotFound,
                $"There is no command '{name}' to make a tool of. Define the function (or import its module) before this command runs.");
        }

        public ToolDefinition FromCommand(CommandInfo command, string? name, string? description, IReadOnlyCollection<string>? offered, string? parameterSetName)
        {
            var hidden = command is AliasInfo alias ? Hidden(alias) : null;
            command = Resolve(command);
            var commandName = hidden?.Name ?? command.Name;
            var toolName = name ?? commandName;
            if (!FunctionName.IsMatch(toolName))
            {
                throw new EdgeeException(
                    EdgeeErrorIds.InvalidToolName,
                    name is null
                        ? $"'{commandName}' cannot be a tool's name (1 to 64 letters, digits, '_' or '-'): give one, e.g. New-EdgeeTool -Command '{commandName}' -Name get_status."
                        : $"'{name}' cannot be a tool's name: use 1 to 64 letters, digits, '_' or '-'.");
            }

            var help = CommandHelpText.Read(_caller, hidden ?? command);
            var set = ParameterSet(command, parameterSetName);
            var (parameters, switches) = Parameters(commandName, set, help, offered);
            var tool = new CommandTool(command, commandName, parameters, switches);
            return new ToolDefinition(toolName, description ?? help.Synopsis, tool);
        }

        public ToolDefinition FromScriptBlock(ScriptBlock scriptBlock, string name, string description)
        {
            if (!FunctionName.IsMatch(name))
            {
                throw new EdgeeException(EdgeeErrorIds.InvalidToolName, $"'{name}' cannot be a tool's name: use 1 to 64 letters, digits, '_' or '-'.");
            }

            var function = (CommandInfo)_caller.InvokeCommand.InvokeScript(true, ScriptBlock.Create(ScriptBlockAsFunction), null, scriptBlock)[0].BaseObject;
            var help = CommandHelpText.Read(_caller, function);
            var (parameters, switches) = Parameters(name, ParameterSet(function, null), help, null);
            return new ToolDefinition(name, description, new CommandTool(scriptBlock, Shown(scriptBlock), parameters, switches));
        }

        // An alias named like a function or cmdlet it hides stands in for that command, as Pester's Mock makes one: the
        // model is told of the hidden command, by its name and help, while its calls run the stand-in (and a test sees
        // them). Programs are left out: an alias such as Windows' sort (Sort-Object) is not a stand-in for sort.exe.
        private CommandInfo? Hidden(AliasInfo alias) =>
            _caller.SessionState.InvokeCommand.GetCommand(alias.Name, CommandTypes.All & ~(CommandTypes.Alias | CommandTypes.Application));

        private static CommandInfo Resolve(CommandInfo command)
        {
            if (command is AliasInfo alias)
            {
                command = alias.ResolvedCommand ?? throw new EdgeeException(
                    EdgeeErrorIds.ToolNotFound, $"The alias '{alias.Name}' points at '{alias.Definition}', which does not exist.");
            }

            if (command is ApplicationInfo)
            {
                throw new EdgeeException(
                    EdgeeErrorIds.InvalidTool,
                    $"'{command.Name}' is a program, which has no PowerShell parameters to offer a model: wrap it in a function with typed parameters and make that the tool.");
            }

            return command;
        }

        private static CommandParameterSetInfo ParameterSet(CommandInfo command, string? name)
        {
            var sets = command.ParameterSets;
            if (name is null)
            {
                return sets.FirstOrDefault(set => set.IsDefault) ?? sets[0];
            }

            return sets.FirstOrDefault(set => string.Equals(set.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new EdgeeException(
                    EdgeeErrorIds.ToolParameterNotFound,
                    $"'{command.Name}' has no parameter set '{name}'; its sets are {string.Join(", ", sets.Select(set => set.Name))}.");
        }

        private (IReadOnlyList<ToolParameter>, ISet<string>) Parameters(
            string commandName, CommandParameterSetInfo set, CommandHelpText help, IReadOnlyCollection<string>? offered)
        {
            var candidates = set.Parameters.Where(parameter => !IsCommon(parameter.Name)).ToList();
            foreach (var unknown in offered?.Where(name => !candidates.Any(parameter => Same(parameter.Name, name))) ?? Enumerable.Empty<string>())
            {
                throw new EdgeeException(
                    EdgeeErrorIds.ToolParameterNotFound,
                    $"'{commandName}' has no parameter '{unknown}' in its parameter set '{set.Name}'; it has {string.Join(", ", candidates.Select(parameter => parameter.Name))}.");
            }

            var parameters = new List<ToolParameter>();
            var switches = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in candidates)
            {
                var asked = offered?.Any(name => Same(parameter.Name, name)) ?? true;
                if (!asked)
                {
                    if (parameter.IsMandatory)
                    {
                        throw new EdgeeException(
                            EdgeeErrorIds.ToolParameterNotSupported,
                            $"'{commandName}' cannot run without its mandatory parameter -{parameter.Name}: add it to -Parameter.");
                    }

                    continue;
                }

                var described = ToolParameterTypes.Describe(parameter.Name, parameter.ParameterType);
                if (described is null)
                {
                    if (parameter.IsMandatory || offered != null)
                    {
                        throw new EdgeeException(
                            EdgeeErrorIds.ToolParameterNotSupported,
                            $"The parameter -{parameter.Name} of '{commandName}' is a {parameter.ParameterType.Name}, which a model cannot give as JSON; "
                            + (parameter.IsMandatory ? "wrap the command in a function that takes simpler values." : "leave it out of -Parameter."));
                    }

                    _caller.WriteVerbose($"Tool '{commandName}': -{parameter.Name} is left out: a {parameter.ParameterType.Name} cannot come from JSON.");
                    continue;
                }

                Constrain(described, parameter);
                described.Required = parameter.IsMandatory;
                described.Description = help.Parameter(parameter.Name) ?? (string.IsNullOrWhiteSpace(parameter.HelpMessage) ? null : parameter.HelpMessage.Trim());
                if (parameter.ParameterType == typeof(SwitchParameter))
                {
                    switches.Add(parameter.Name);
                }

                parameters.Add(described);
            }

            return (parameters, switches);
        }

        // [ValidateSet] and [ValidateRange] say to the model what the binder will insist on.
        private static void Constrain(ToolParameter described, CommandParameterInfo parameter)
        {
            var itemType = described.Type == ToolValueType.Array ? described.ItemType : described.Type;
            foreach (var attribute in parameter.Attributes)
            {
                switch (attribute)
                {
                    case ValidateSetAttribute set when itemType == ToolValueType.String:
                        described.EnumValues = set.ValidValues.ToArray();
                        break;
                    case ValidateRangeAttribute range when itemType == ToolValueType.Integer || itemType == ToolValueType.Number:
                        described.Minimum = Number(range.MinRange);
                        described.Maximum = Number(range.MaxRange);
                        break;
                }
            }
        }

        private static double? Number(object? bound)
        {
            try
            {
                return bound is null ? (double?)null : Convert.ToDouble(bound, System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception error) when (error is FormatException || error is InvalidCastException || error is OverflowException)
            {
                return null;
            }
        }

        private static string Shown(ScriptBlock scriptBlock)
        {
            var text = Regex.Replace(scriptBlock.ToString().Trim(), @"\s+", " ");
            return "{ " + (text.Length > ShownScriptLength ? text.Substring(0, ShownScriptLength) + "…" : text) + " }";
        }

        private static bool IsCommon(string name) => Cmdlet.CommonParameters.Contains(name) || Cmdlet.OptionalCommonParameters.Contains(name);

        private static bool Same(string left, string right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);
    }
}
