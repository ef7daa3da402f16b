using System.Text.RegularExpressions;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Help;

/// <summary>
/// The markdown in help/en-US is the source people edit: it must document exactly the cmdlets and parameters
/// that exist now — a renamed or removed parameter left in the help is a lie Get-Help would tell.
/// </summary>
public sealed partial class HelpMarkdownTests : IClassFixture<ImportedModuleFixture>
{
    private static readonly string HelpDirectory = Path.Combine(ModulePaths.RepoRoot, "help", "en-US");

    private readonly IReadOnlyList<CommandHelpFacts> _commands;

    public HelpMarkdownTests(ImportedModuleFixture fixture) => _commands = CommandHelpFacts.ForEveryExportedCmdlet(fixture.Session);

    [Fact]
    public void EachExportedCmdletHasOneMarkdownFileAndNoFileIsStale()
    {
        var files = Directory.GetFiles(HelpDirectory, "*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => !name!.StartsWith("about_", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

        Assert.Equal(_commands.Select(command => command.Name), files);
        Assert.True(File.Exists(Path.Combine(HelpDirectory, "about_EdgeePS.md")));
    }

    [Fact]
    public void MarkdownDocumentsExactlyTheRealParameters()
    {
        var problems = new List<string>();
        foreach (var command in _commands)
        {
            var path = Path.Combine(HelpDirectory, command.Name + ".md");
            var documented = File.ReadLines(path)
                .Select(line => ParameterHeading().Match(line))
                .Where(match => match.Success)
                .Select(match => match.Groups[1].Value)
                .ToList();
            var real = command.RealParameters.Select(parameter => parameter.Name).ToList();

            problems.AddRange(real.Except(documented).Select(name => $"{path}: -{name} is not documented."));
            problems.AddRange(documented.Except(real).Select(name => $"{path}: -{name} is documented but does not exist."));
            problems.AddRange(documented.GroupBy(name => name).Where(group => group.Count() > 1).Select(group => $"{path}: -{group.Key} is documented twice."));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void EveryFileFollowsThePlatyPSSchema()
    {
        string[] sections = ["## SYNOPSIS", "## SYNTAX", "## DESCRIPTION", "## EXAMPLES", "## PARAMETERS", "## INPUTS", "## OUTPUTS", "## NOTES", "## RELATED LINKS"];
        var problems = new List<string>();
        foreach (var command in _commands)
        {
            var path = Path.Combine(HelpDirectory, command.Name + ".md");
            var lines = File.ReadAllLines(path);
            if (!lines.Take(6).SequenceEqual(["---", "external help file: EdgeePS.dll-Help.xml", "Module Name: EdgeePS", "online version:", "schema: 2.0.0", "---"]))
            {
                problems.Add($"{path}: the front matter is not platyPS's.");
            }

            var headings = lines.Where(line => line.StartsWith("## ", StringComparison.Ordinal)).ToList();
            if (!headings.SequenceEqual(sections))
            {
                problems.Add($"{path}: the sections are [{string.Join(", ", headings)}], not platyPS's in order.");
            }

            if (!lines.Contains("### CommonParameters"))
            {
                problems.Add($"{path}: no ### CommonParameters.");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [GeneratedRegex(@"^### -([A-Za-z0-9]+)\s*$")]
    private static partial Regex ParameterHeading();
}
