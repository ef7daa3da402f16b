using System.Reflection;
using EdgeePS.Simulation;

namespace EdgeePS.Tests.Help;

/// <summary>`Get-Help about_EdgeePS_Testing` finds the generated topic, and it teaches what issue 9 asks of it.</summary>
public sealed class TestingTopicTests : IClassFixture<ImportedModuleFixture>
{
    private readonly ImportedModuleFixture _fixture;

    public TestingTopicTests(ImportedModuleFixture fixture) => _fixture = fixture;

    [Fact]
    public void GetHelpReturnsTheTopicText()
    {
        var text = TopicText();

        Assert.StartsWith("TOPIC", text);
        Assert.Contains("about_EdgeePS_Testing", text);
        Assert.Contains("SHORT DESCRIPTION", text);
        Assert.Contains("LONG DESCRIPTION", text);
    }

    // A complete Pester example for each: the section's title, and what its code must use.
    [Theory]
    [InlineData("A scripted answer", "Add-EdgeeSimulatorResponse -Text")]
    [InlineData("A tool call", "Add-EdgeeSimulatorResponse -ToolCall")]
    [InlineData("A rate limit, then success", "-Status 429 -RetryAfterSec 0")]
    [InlineData("A stream cut short", "-DropAfter")]
    [InlineData("Asserting on the request the script sent", "Get-EdgeeSimulatorRequest $simulator -Last 1")]
    public void EachExampleIsACompletePesterFile(string title, string detail)
    {
        var example = Subtopic(title);

        Assert.Contains("Start-EdgeeSimulator -Connect", example);
        Assert.Contains("Stop-EdgeeSimulator", example);
        Assert.Contains("Describe ", example);
        Assert.Contains("Should ", example);
        Assert.Contains(detail, example);
    }

    [Fact]
    public void TheErrorTableNamesEveryErrorIdTheSimulatorReports()
    {
        var text = TopicText();
        var errorIds = typeof(SimulatorErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToList();

        Assert.NotEmpty(errorIds);
        Assert.All(errorIds, errorId => Assert.Contains(errorId, text));
    }

    [Fact]
    public void EveryLineFitsEightyColumns()
    {
        var wide = TopicText().ReplaceLineEndings("\n").Split('\n').Where(line => line.Length > 80).ToList();

        Assert.True(wide.Count == 0, string.Join(Environment.NewLine, wide));
    }

    [Fact]
    public void TheMainTopicPointsToIt()
    {
        var result = _fixture.Session.Run("Get-Help -Name about_EdgeePS").EnsureSuccess();

        Assert.Contains("about_EdgeePS_Testing", Assert.Single(result.Output).ToString());
    }

    /// <summary>The lines under a subtopic title (indented two spaces), up to the next title or section.</summary>
    private string Subtopic(string title)
    {
        var lines = TopicText().ReplaceLineEndings("\n").Split('\n');
        var start = Array.IndexOf(lines, "  " + title);
        Assert.True(start >= 0, $"No subtopic titled '{title}'.");
        var body = lines.Skip(start + 1).TakeWhile(line => !IsTitle(line));
        return string.Join("\n", body);
    }

    private static bool IsTitle(string line) =>
        line.Length > 0 && (!char.IsWhiteSpace(line[0]) || (line.StartsWith("  ", StringComparison.Ordinal) && line.Length > 2 && !char.IsWhiteSpace(line[2])));

    private string TopicText()
    {
        var result = _fixture.Session.Run("Get-Help -Name about_EdgeePS_Testing").EnsureSuccess();
        return Assert.Single(result.Output).ToString();
    }
}
