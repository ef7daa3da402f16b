using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// What -Tool was given, as tool definitions: a command name or CommandInfo becomes a tool that runs it, a
    /// ToolDefinition is taken as it is (with its command, if New-EdgeeTool gave it one), and a hashtable or object in
    /// the OpenAI shape is a definition only, whose calls come back to the caller.
    /// </summary>
    internal static class ToolResolver
    {
        /// <returns>ToolDefinitions and hashtables (or objects), in the order given, for the request's 'tools'.</returns>
        public static IReadOnlyList<object> Resolve(PSCmdlet caller, object[]? tools)
        {
            var result = new List<object>();
            if (tools is null)
            {
                return result;
            }

            var factory = new CommandToolFactory(caller);
            foreach (var tool in tools)
            {
                switch (tool is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : tool)
                {
                    case string name:
                        result.Add(factory.FromCommand(factory.Find(name), null, null, null, null));
                        break;
                    case CommandInfo command:
                        result.Add(factory.FromCommand(command, null, null, null, null));
                        break;
                    case ToolDefinition definition:
                        result.Add(definition);
                        break;
                    case ScriptBlock _:
                        throw new EdgeeException(
                            EdgeeErrorIds.InvalidTool,
                            "A script block needs a name and a description to be a tool: New-EdgeeTool -Name <name> -Description <what it does> -ScriptBlock { ... }.");
                    case IDictionary _:
                    case PSObject _:
                        // Checked with the request's other tools (InvalidTool when its shape is wrong); it carries no command.
                        result.Add(tool);
                        break;
                    default:
                        throw new EdgeeException(
                            EdgeeErrorIds.InvalidTool,
                            $"-Tool takes command names, commands (Get-Command), New-EdgeeTool results or tool hashtables; it got a {tool?.GetType().FullName ?? "null"}.");
                }
            }

            return result;
        }
    }
}
