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

    private ToolRun Build(string markdown)
    {
        var source = Path.Combine(_directory, "en-US");
        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "Get-Sample.md"), markdown);
        return BuiltTool.Run("EdgeePS.HelpBuilder", "--source", source, "--output", Path.Combine(_directory, "out"));
    }
}
