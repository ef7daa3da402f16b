using System.Xml.Linq;
using EdgeePS.HelpBuilder.Markdown;

namespace EdgeePS.HelpBuilder.Help;

/// <summary>
/// Writes the MAML that PowerShell's Get-Help reads for binary cmdlets: helpItems (schema="maml") holding one
/// command:command per cmdlet with details, description, syntax, parameters, inputTypes, returnValues, alertSet
/// (notes), examples and relatedLinks — the layout platyPS's New-ExternalHelp produces.
/// </summary>
public static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly XNamespace MSHelp = "http://msdn.microsoft.com/mshelp";

    public static XDocument Write(IEnumerable<CommandHelp> commands) =>
        new(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                Msh + "helpItems",
                new XAttribute("schema", "maml"),
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                new XAttribute(XNamespace.Xmlns + "MSHelp", MSHelp),
                commands.Select(CommandElement)));

    private static XElement CommandElement(CommandHelp help)
    {
        var dash = help.Name.IndexOf('-');
        return new XElement(
            Command + "command",
            new XElement(
                Command + "details",
                new XElement(Command + "name", help.Name),
                new XElement(Command + "verb", dash > 0 ? help.Name[..dash] : help.Name),
                new XElement(Command + "noun", dash > 0 ? help.Name[(dash + 1)..] : string.Empty),
                new XElement(Maml + "description", Para(help.Synopsis))),
            new XElement(Maml + "description", Paras(help.Description)),
            new XElement(Command + "syntax", SyntaxItems(help)),
            // A parameter documented per parameter set is listed once, as its first set has it; the syntax shows each set.
            new XElement(Command + "parameters", help.Parameters.DistinctBy(parameter => parameter.Name, StringComparer.OrdinalIgnoreCase).Select(parameter => ParameterElement(parameter, inSyntax: false))),
            new XElement(Command + "inputTypes", help.Inputs.Select(input => TypeElement(Command + "inputType", input))),
            new XElement(Command + "returnValues", help.Outputs.Select(output => TypeElement(Command + "returnValue", output))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(help.Notes))),
            new XElement(Command + "examples", help.Examples.Select(ExampleElement)),
            new XElement(Command + "relatedLinks", help.Links.Select(LinkElement)));
    }

    /// <summary>
    /// One syntax line per parameter set SYNTAX names (else per set the parameters name); a command whose parameters
    /// are all in (All) has one.
    /// </summary>
    private static IEnumerable<XElement> SyntaxItems(CommandHelp help)
    {
        var named = help.Parameters.SelectMany(parameter => parameter.ParameterSets).Where(set => set != ParameterHelp.AllParameterSets);
        var sets = (help.ParameterSets.Count > 0 ? help.ParameterSets : named)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .DefaultIfEmpty(ParameterHelp.AllParameterSets);
        foreach (var set in sets)
        {
            // As Get-Command -Syntax orders them: positional parameters by position, then the rest as documented.
            var parameters = help.Parameters.Where(parameter => parameter.IsInSet(set))
                .OrderBy(parameter => parameter.IsPositional ? int.Parse(parameter.Position) : int.MaxValue);
            yield return new XElement(
                Command + "syntaxItem",
                new XElement(Maml + "name", help.Name),
                parameters.Select(parameter => ParameterElement(parameter, inSyntax: true)));
        }
    }

    private static XElement ParameterElement(ParameterHelp parameter, bool inSyntax) =>
        new(
            Command + "parameter",
            new XAttribute("required", parameter.Required.ToString().ToLowerInvariant()),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", parameter.Globbing.ToString().ToLowerInvariant()),
            new XAttribute("pipelineInput", parameter.PipelineInput),
            new XAttribute("position", parameter.IsPositional ? parameter.Position : "named"),
            new XAttribute("aliases", parameter.Aliases.Count > 0 ? string.Join(", ", parameter.Aliases) : "none"),
            new XElement(Maml + "name", parameter.Name),
            new XElement(Maml + "description", Paras(parameter.Description)),
            // A switch shows no value in the syntax line ("[-Stream]", not "[-Stream <SwitchParameter>]").
            inSyntax && parameter.IsSwitch
                ? null
                : new XElement(Command + "parameterValue", new XAttribute("required", (!parameter.IsSwitch).ToString().ToLowerInvariant()), new XAttribute("variableLength", "false"), parameter.Type),
            new XElement(Dev + "type", new XElement(Maml + "name", parameter.Type), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", parameter.DefaultValue));

    private static XElement TypeElement(XName name, TypeHelp type) =>
        new(
            name,
            new XElement(Dev + "type", new XElement(Maml + "name", type.TypeName)),
            new XElement(Maml + "description", Paras(type.Description)));

    private static XElement ExampleElement(ExampleHelp example) =>
        new(
            Command + "example",
            new XElement(Maml + "title", $"--------- {example.Title} ---------"),
            new XElement(Maml + "introduction", Paras(example.Introduction)),
            new XElement(Dev + "code", example.Code),
            new XElement(Dev + "remarks", Paras(example.Remarks)));

    private static XElement LinkElement(RelatedLink link) =>
        new(Maml + "navigationLink", new XElement(Maml + "linkText", link.Text), new XElement(Maml + "uri", link.Uri));

    private static IEnumerable<XElement> Paras(IEnumerable<MarkdownBlock> blocks) => PlainTextRenderer.Render(blocks).Select(Para);

    private static XElement Para(string text) => new(Maml + "para", text);
}
