using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text.RegularExpressions;

namespace EdgeePS.Cmdlets
{
    /// <summary>
    /// The words a command's help has for the model: its synopsis and each parameter's description. Functions, scripts
    /// and script blocks are read from their comment-based help; cmdlets from Get-Help, when their help is installed.
    /// </summary>
    internal sealed class CommandHelpText
    {
        // What Get-Help makes up from the syntax when a cmdlet has no help installed: not a description.
        private const string GeneratedSynopsisMark = "[<CommonParameters>]";

        private static readonly Regex Whitespace = new Regex(@"\s+", RegexOptions.CultureInvariant);

        private readonly Dictionary<string, string> _parameters;

        private CommandHelpText(string? synopsis, Dictionary<string, string> parameters)
        {
            Synopsis = Tidy(synopsis);
            _parameters = parameters;
        }

        public string? Synopsis { get; }

        public string? Parameter(string name) => _parameters.TryGetValue(name, out var text) ? text : null;

        public static CommandHelpText Read(PSCmdlet caller, CommandInfo command)
        {
            var ast = (command as FunctionInfo)?.ScriptBlock?.Ast ?? (command as ExternalScriptInfo)?.ScriptBlock?.Ast;
            var comment = ast switch
            {
                FunctionDefinitionAst function => function.GetHelpContent(),
                ScriptBlockAst script => script.GetHelpContent(),
                _ => null,
            };
            if (comment != null)
            {
                return new CommandHelpText(comment.Synopsis, Tidied(comment.Parameters));
            }

            return command is CmdletInfo ? FromGetHelp(caller, command) : new CommandHelpText(null, Tidied(new Dictionary<string, string>()));
        }

        private static CommandHelpText FromGetHelp(PSCmdlet caller, CommandInfo command)
        {
            PSObject? help;
            try
            {
                var getHelp = ScriptBlock.Create("param($__EdgeePSName) Get-Help -Name $__EdgeePSName -ErrorAction Ignore");
                help = caller.InvokeCommand.InvokeScript(true, getHelp, null, command.Name).FirstOrDefault();
            }
            catch (RuntimeException) when (!caller.Stopping)
            {
                help = null;
            }

            var synopsis = help?.Properties["Synopsis"]?.Value?.ToString();
            if (synopsis is null || synopsis.Contains(GeneratedSynopsisMark))
            {
                return new CommandHelpText(null, Tidied(new Dictionary<string, string>()));
            }

            var parameters = new Dictionary<string, string>();
            foreach (var parameter in Items(Property(Property(help, "parameters"), "parameter")))
            {
                var name = Property(parameter, "name")?.ToString();
                var text = string.Join(" ", Items(Property(parameter, "description")).Select(paragraph => Property(paragraph, "Text")?.ToString()));
                if (name != null)
                {
                    parameters[name] = text;
                }
            }

            return new CommandHelpText(synopsis, Tidied(parameters));
        }

        private static object? Property(object? value, string name) => value is null ? null : PSObject.AsPSObject(value).Properties[name]?.Value;

        private static IEnumerable<object> Items(object? value) =>
            value is null ? Enumerable.Empty<object>() : LanguagePrimitives.GetEnumerable(value)?.Cast<object>() ?? new[] { value };

        // Comment-based help keys its parameters in upper case; either way, lookups ignore case.
        private static Dictionary<string, string> Tidied(IDictionary<string, string> parameters) =>
            parameters.Where(pair => Tidy(pair.Value) != null).ToDictionary(pair => pair.Key, pair => Tidy(pair.Value)!, StringComparer.OrdinalIgnoreCase);

        private static string? Tidy(string? text) =>
            string.IsNullOrWhiteSpace(text) ? null : Whitespace.Replace(text!.Trim(), " ");
    }
}
