using System.Management.Automation;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Help;

/// <summary>What `Get-Help -Full` shows for one exported cmdlet, next to what the cmdlet really is.</summary>
public sealed record CommandHelpFacts(
    string Name,
    string Synopsis,
    string Description,
    IReadOnlyList<string> ExampleCode,
    IReadOnlyDictionary<string, (ParameterFacts Facts, string Description)> HelpParameters,
    IReadOnlyList<ParameterFacts> RealParameters,
    IReadOnlyList<string> HelpSyntax,
    IReadOnlyList<string> RealParameterSets,
    IReadOnlyList<IReadOnlyDictionary<string, string>> HelpSyntaxParameters,
    IReadOnlyList<IReadOnlyDictionary<string, string>> RealSetParameters)
{
    private const string Script = """
        foreach ($command in Get-Command -Module EdgeePS -CommandType Cmdlet) {
            $help = Get-Help -Name $command.Name -Full
            [pscustomobject]@{
                Command     = $command
                Synopsis    = "$($help.Synopsis)"
                Description = (@($help.description | Where-Object { $_ } | ForEach-Object Text) -join "`n")
                Examples    = @($help.examples.example | Where-Object { $_ } | ForEach-Object { "$($_.code)" })
                Syntax      = @($help.syntax.syntaxItem | Where-Object { $_ } | ForEach-Object { @($_.parameter | Where-Object { $_ } | ForEach-Object { "$($_.name)" }) -join ',' })
                SyntaxParameters = @($help.syntax.syntaxItem | Where-Object { $_ } | ForEach-Object {
                    @($_.parameter | Where-Object { $_ } | ForEach-Object { "$($_.name)|$($_.required)|$($_.position)|$($_.pipelineInput)" }) -join "`n" })
                Parameters  = @($help.parameters.parameter | Where-Object { $_ } | ForEach-Object {
                    [pscustomobject]@{
                        Name          = "$($_.name)"
                        Description   = (@($_.description | Where-Object { $_ } | ForEach-Object Text) -join "`n")
                        Type          = "$($_.type.name)"
                        Required      = "$($_.required)"
                        Position      = "$($_.position)"
                        PipelineInput = "$($_.pipelineInput)"
                        Globbing      = "$($_.globbing)"
                        Aliases       = "$($_.aliases)"
                    }
                })
            }
        }
        """;

    /// <summary>Every cmdlet the module exports, in name order.</summary>
    public static IReadOnlyList<CommandHelpFacts> ForEveryExportedCmdlet(PowerShellSession session)
    {
        var result = session.Run(Script).EnsureSuccess();
        return result.Output.Select(From).OrderBy(facts => facts.Name, StringComparer.Ordinal).ToList();
    }

    private static CommandHelpFacts From(PSObject item)
    {
        var command = (CmdletInfo)Value(item, "Command")!;
        var helpParameters = Items(item, "Parameters").ToDictionary(
            parameter => Text(parameter, "Name"),
            parameter => (
                new ParameterFacts(
                    Text(parameter, "Name"),
                    Text(parameter, "Type"),
                    bool.Parse(Text(parameter, "Required")),
                    Text(parameter, "Position"),
                    Text(parameter, "PipelineInput"),
                    bool.Parse(Text(parameter, "Globbing")),
                    Text(parameter, "Aliases")),
                Text(parameter, "Description")),
            StringComparer.OrdinalIgnoreCase);
        var realParameters = command.Parameters.Values
            .Where(parameter => !IsCommonParameter(parameter.Name))
            .Select(ParameterFacts.Of)
            .ToList();
        return new CommandHelpFacts(
            command.Name,
            Text(item, "Synopsis").Trim(),
            Text(item, "Description").Trim(),
            Items(item, "Examples").Select(example => example.ToString()).ToList(),
            helpParameters,
            realParameters,
            Items(item, "Syntax").Select(line => SortedNames(line.ToString())).ToList(),
            command.ParameterSets
                .Select(set => SortedNames(string.Join(',', set.Parameters.Select(parameter => parameter.Name).Where(name => !IsCommonParameter(name)))))
                .ToList(),
            Items(item, "SyntaxParameters").Select(line => HelpSyntaxLine(line.ToString())).ToList(),
            command.ParameterSets
                .Select(set => (IReadOnlyDictionary<string, string>)set.Parameters
                    .Where(parameter => !IsCommonParameter(parameter.Name))
                    .ToDictionary(
                        parameter => parameter.Name,
                        parameter => ParameterFacts.InSet(parameter.IsMandatory, parameter.Position, parameter.ValueFromPipeline, parameter.ValueFromPipelineByPropertyName),
                        StringComparer.OrdinalIgnoreCase))
                .ToList());
    }

    // "Name|true|0|True (ByPropertyName)" a line, as the script writes each parameter of a syntax line.
    private static IReadOnlyDictionary<string, string> HelpSyntaxLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('|'))
            .ToDictionary(
                fields => fields[0],
                fields => ParameterFacts.InSet(bool.Parse(fields[1]), fields[2] == "named" ? int.MinValue : int.Parse(fields[2]), fields[3].Contains("ByValue"), fields[3].Contains("ByPropertyName")),
                StringComparer.OrdinalIgnoreCase);

    // Parameter names of one syntax line or parameter set, in a fixed order, so the two can be compared.
    private static string SortedNames(string names) =>
        string.Join(',', names.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.OrdinalIgnoreCase));

    // -WhatIf and -Confirm are documented like the cmdlet's own parameters, as platyPS does, where the cmdlet has them.
    public static bool IsCommonParameter(string name) =>
        Cmdlet.CommonParameters.Contains(name) || (Cmdlet.OptionalCommonParameters.Contains(name) && name is not ("WhatIf" or "Confirm"));

    private static object? Value(PSObject item, string name) => item.Properties[name]?.Value is PSObject wrapped ? wrapped.BaseObject : item.Properties[name]?.Value;

    private static string Text(PSObject item, string name) => Value(item, name)?.ToString() ?? string.Empty;

    private static IEnumerable<PSObject> Items(PSObject item, string name) =>
        Value(item, name) is object[] values ? values.Select(PSObject.AsPSObject) : [];
}
