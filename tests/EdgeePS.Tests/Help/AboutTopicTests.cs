using System.Reflection;
using EdgeePS.Simulation;

namespace EdgeePS.Tests.Help;

/// <summary>`Get-Help about_EdgeePS`, `about_EdgeePS_Testing` and `about_EdgeePS_Tools` find the generated topics, and they cover what users need to know.</summary>
public sealed class AboutTopicTests : IClassFixture<ImportedModuleFixture>
{
    private readonly ImportedModuleFixture _fixture;

    public AboutTopicTests(ImportedModuleFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData("about_EdgeePS")]
    [InlineData("about_EdgeePS_Testing")]
    [InlineData("about_EdgeePS_Tools")]
    public void GetHelpReturnsTheTopicText(string topic)
    {
        var text = AboutText(topic);

        Assert.StartsWith("TOPIC", text);
        Assert.Contains(topic, text);
        Assert.Contains("SHORT DESCRIPTION", text);
        Assert.Contains("LONG DESCRIPTION", text);
    }

    [Theory]
    [InlineData("Configuration and precedence", "EDGEE_API_KEY")]
    [InlineData("Streaming", "Select-Object -First")]
    [InlineData("Stopping", "Ctrl+C")]
    [InlineData("Errors", "FullyQualifiedErrorId")]
    [InlineData("Retries", "Retry-After")]
    [InlineData("Proxies", "NO_PROXY")]
    [InlineData("Secrets", "Get-Secret")]
    public void TheTopicHasASubtopicFor(string subtopic, string detail)
    {
        var text = AboutText();

        Assert.Contains($"\n  {subtopic}\n", text.ReplaceLineEndings("\n"));
        Assert.Contains(detail, text);
    }

    [Theory]
    [InlineData("Tools from commands", "New-EdgeeTool")]
    [InlineData("Tools from commands", "[ValidateSet()]")]
    [InlineData("The tool loop", "tool_call_id")]
    [InlineData("What the model can and cannot do", "only the tools")]
    [InlineData("Confirmation", "-WhatIf")]
    [InlineData("Limits", "ToolRoundLimitExceeded")]
    [InlineData("Limits", "ToolCallsFailing")]
    [InlineData("Output", "ToolInvocations")]
    [InlineData("Prompt injection", "prompt injection")]
    public void TheToolsTopicHasASubtopicFor(string subtopic, string detail)
    {
        var text = AboutText("about_EdgeePS_Tools");

        Assert.Contains($"\n  {subtopic}\n", text.ReplaceLineEndings("\n"));
        Assert.Contains(detail, text);
    }

    [Theory]
    [InlineData("about_EdgeePS", typeof(EdgeeErrorIds))]
    [InlineData("about_EdgeePS_Testing", typeof(SimulatorErrorIds))]
    public void TheErrorTableNamesEveryErrorIdTheCmdletsReport(string topic, Type errorIdsClass)
    {
        var text = AboutText(topic);
        var errorIds = errorIdsClass.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToList();

        Assert.NotEmpty(errorIds);
        Assert.All(errorIds, errorId => Assert.Contains(errorId, text));
    }

    [Fact]
    public void TheTopicsAreListedWithTheirShortDescriptions()
    {
        var result = _fixture.Session.Run("Get-Help -Name about_Edgee* | ForEach-Object { $_.Name + ' :: ' + $_.Synopsis }").EnsureSuccess();

        Assert.Collection(
            result.Output.Select(item => item.ToString()).Order(StringComparer.Ordinal),
            entry => Assert.StartsWith("about_EdgeePS :: Streams chat completions", entry),
            entry => Assert.StartsWith("about_EdgeePS_Testing :: How to test a script that calls EdgeePS offline", entry),
            entry => Assert.StartsWith("about_EdgeePS_Tools :: Lets a model call PowerShell commands", entry));
    }

    // Every line fits an 80-column console, as PowerShell's own about topics do.
    [Theory]
    [InlineData("about_EdgeePS")]
    [InlineData("about_EdgeePS_Testing")]
    [InlineData("about_EdgeePS_Tools")]
    public void EveryLineFitsEightyColumns(string topic)
    {
        var wide = AboutText(topic).ReplaceLineEndings("\n").Split('\n').Where(line => line.Length > 80).ToList();

        Assert.True(wide.Count == 0, string.Join(Environment.NewLine, wide));
    }

    // A complete Pester example for each: the example's title, and what its code must use.
    [Theory]
    [InlineData("A scripted answer", "Add-EdgeeSimulatorResponse -Text")]
    [InlineData("A tool call", "Add-EdgeeSimulatorResponse -ToolCall")]
    [InlineData("Tools the model runs", "Should -Invoke")]
    [InlineData("A rate limit, then success", "-Status 429 -RetryAfterSec 0")]
    [InlineData("A stream cut short", "-DropAfter")]
    [InlineData("Asserting on the request the script sent", "Get-EdgeeSimulatorRequest $simulator -Last 1")]
    public void TheTestingTopicHasACompletePesterExampleFor(string title, string detail)
    {
        var example = Subtopic(AboutText("about_EdgeePS_Testing"), title);

        Assert.Contains("Start-EdgeeSimulator -Connect", example);
        Assert.Contains("Stop-EdgeeSimulator", example);
        Assert.Contains("Describe ", example);
        Assert.Contains("Should ", example);
        Assert.Contains(detail, example);
    }

    [Fact]
    public void TheMainTopicPointsToTheTestingTopic()
    {
        Assert.Contains("about_EdgeePS_Testing", AboutText());
    }

    private string AboutText(string topic = "about_EdgeePS")
    {
        var result = _fixture.Session.Run($"Get-Help -Name {topic}").EnsureSuccess();
        return Assert.Single(result.Output).ToString();
    }

    /// <summary>The lines under a subtopic title (indented two spaces), up to the next title or section.</summary>
    private static string Subtopic(string text, string title)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var start = Array.IndexOf(lines, "  " + title);
        Assert.True(start >= 0, $"No subtopic titled '{title}'.");
        return string.Join("\n", lines.Skip(start + 1).TakeWhile(line => !IsTitle(line)));
    }

    private static bool IsTitle(string line) =>
        line.Length > 2 && (!char.IsWhiteSpace(line[0]) || (line.StartsWith("  ", StringComparison.Ordinal) && !char.IsWhiteSpace(line[2])));
}
