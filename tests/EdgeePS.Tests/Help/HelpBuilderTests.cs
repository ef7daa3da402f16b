using System.Xml.Linq;
using EdgeePS.Tests.Packaging;

namespace EdgeePS.Tests.Help;

/// <summary>
/// The converter behind the generated help refuses markdown it cannot fully represent, pointing at the line, so a
/// slip in help/en-US fails the build instead of silently dropping text from Get-Help.
/// </summary>
public sealed class HelpBuilderTests : IDisposable
{
    private const string ValidHelp = """
        ---
        external help file: Sample.dll-Help.xml
        Module Name: Sample
        online version:
        schema: 2.0.0
        ---

        # Get-Sample

        ## SYNOPSIS
        Gets a sample.

        ## SYNTAX

        ```
        Get-Sample [-Name] <String> [<CommonParameters>]
        ```

        ## DESCRIPTION
        Gets a sample by name.

        ## EXAMPLES

        ### Example 1: Get one
        ```powershell
        Get-Sample one
        ```

        ## PARAMETERS

        ### -Name
        The sample's name.

        ```yaml
        Type: String
        Parameter Sets: (All)
        Aliases:

        Required: True
        Position: 0
        Default value: None
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        ### CommonParameters
        The common parameters.

        ## INPUTS

        ### None

        ## OUTPUTS

        ### System.String
        The sample.

        ## NOTES

        ## RELATED LINKS
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("edgeeps-helpbuilder-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ValidMarkdownBecomesMamlWithItsSynopsisAndParameter()
    {
        var run = Build(ValidHelp);

        Assert.True(run.ExitCode == 0, run.ToString());
        var maml = File.ReadAllText(Path.Combine(_directory, "out", "Sample.dll-Help.xml"));
        Assert.Contains("<maml:para>Gets a sample.</maml:para>", maml);
        Assert.Contains("<maml:name>Name</maml:name>", maml);
        Assert.Contains("pipelineInput=\"False\" position=\"0\"", maml);
    }

    [Fact]
    public void EachParameterSetNamedInSyntaxGetsASyntaxLineOfItsParameters()
    {
        var twoSets = ValidHelp
            .Replace("## SYNTAX\n", "## SYNTAX\n\n### ByName (Default)\n```\nGet-Sample [-Name] <String>\n```\n\n### All\n")
            .Replace("### CommonParameters", """
                ### -All
                Every sample.

                ```yaml
                Type: SwitchParameter
                Parameter Sets: All
                Aliases:

                Required: True
                Position: Named
                Default value: False
                Accept pipeline input: False
                Accept wildcard characters: False
                ```

                ### CommonParameters
                """);

        var run = Build(twoSets);

        Assert.True(run.ExitCode == 0, run.ToString());
        var syntax = System.Xml.Linq.XDocument.Load(Path.Combine(_directory, "out", "Sample.dll-Help.xml"))
            .Descendants().Where(element => element.Name.LocalName == "syntaxItem")
            .Select(item => string.Join(",", item.Elements().Where(element => element.Name.LocalName == "parameter")
                .Select(parameter => parameter.Elements().First(element => element.Name.LocalName == "name").Value)))
            .ToList();
        Assert.Equal(["Name", "Name,All"], syntax);
    }

    [Theory]
    [InlineData("Accept wildcard characters: False\n", "", "lacks 'Accept wildcard characters:'")]
    [InlineData("## NOTES\n", "## REMARKS\n", "Unexpected heading 'REMARKS'")]
    [InlineData("Position: 0", "Position: 0\nColour: blue", "Unknown parameter metadata 'Colour: blue'")]
    [InlineData("Parameter Sets: (All)", "Parameter Sets: ByName", "in the parameter set 'ByName', which ## SYNTAX does not name")]
    public void BrokenMarkdownFailsWithTheFileAndLine(string original, string replacement, string problem)
    {
        var run = Build(ValidHelp.Replace(original, replacement));

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"Get-Sample\.md\(\d+\): error EPSHELP: ", run.Error);
        Assert.Contains(problem, run.Error);
        Assert.False(File.Exists(Path.Combine(_directory, "out", "Sample.dll-Help.xml")));
    }

    private const string NameInTwoSets = """
        ```yaml
        Type: String
        Parameter Sets: ByName
        Aliases:

        Required: True
        Position: 0
        Default value: None
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        ```yaml
        Type: String
        Parameter Sets: SETS
        Aliases:

        Required: False
        Position: 0
        Default value: None
        Accept pipeline input: False
        Accept wildcard characters: False
        ```
        """;

    [Fact]
    public void AParameterDocumentedPerParameterSetIsListedOnceAndShownInEachSetsSyntax()
    {
        var firstBlock = ValidHelp[ValidHelp.IndexOf("```yaml", StringComparison.Ordinal)..(ValidHelp.IndexOf("Accept wildcard characters: False", StringComparison.Ordinal) + "Accept wildcard characters: False\n```".Length)];
        var syntaxPerSet = ValidHelp.Replace(
            "```\nGet-Sample [-Name] <String> [<CommonParameters>]\n```",
            "### ByName (Default)\n```\nGet-Sample [-Name] <String> [<CommonParameters>]\n```\n\n### All\n```\nGet-Sample [[-Name] <String>] [<CommonParameters>]\n```");
        Assert.NotEqual(ValidHelp, syntaxPerSet);
        var run = Build(syntaxPerSet.Replace(firstBlock, NameInTwoSets.Replace("SETS", "All")));

        Assert.True(run.ExitCode == 0, run.ToString());
        var maml = System.Xml.Linq.XDocument.Load(Path.Combine(_directory, "out", "Sample.dll-Help.xml"));
        XNamespace command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        XNamespace maml2 = "http://schemas.microsoft.com/maml/2004/10";
        var listed = maml.Descendants(command + "parameters").Elements(command + "parameter").ToList();
        Assert.Equal("true", Assert.Single(listed).Attribute("required")!.Value);
        var syntax = maml.Descendants(command + "syntaxItem").Select(item => item.Element(command + "parameter")!.Attribute("required")!.Value);
        Assert.Equal(["true", "false"], syntax);
        Assert.Equal(2, maml.Descendants(command + "syntaxItem").Count(item => item.Element(maml2 + "name")!.Value == "Get-Sample"));
    }

    [Fact]
    public void BlocksPerParameterSetMustNotShareASet()
    {
        var firstBlock = ValidHelp[ValidHelp.IndexOf("```yaml", StringComparison.Ordinal)..(ValidHelp.IndexOf("Accept wildcard characters: False", StringComparison.Ordinal) + "Accept wildcard characters: False\n```".Length)];
        var run = Build(ValidHelp.Replace(firstBlock, NameInTwoSets.Replace("SETS", "ByName")));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("-Name has several ```yaml blocks: each must name its own parameter sets, and no set twice.", run.Error);
    }

    private ToolRun Build(string markdown)
    {
        var source = Path.Combine(_directory, "en-US");
        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "Get-Sample.md"), markdown);
        return BuiltTool.Run("EdgeePS.HelpBuilder", "--source", source, "--output", Path.Combine(_directory, "out"));
    }
}
