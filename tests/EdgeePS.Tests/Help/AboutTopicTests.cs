using System.Reflection;

namespace EdgeePS.Tests.Help;

/// <summary>`Get-Help about_EdgeePS` (and about_EdgeePS_Tools) finds the generated topic, and it covers what users need to know.</summary>
public sealed class AboutTopicTests : IClassFixture<ImportedModuleFixture>
{
    private readonly ImportedModuleFixture _fixture;

    public AboutTopicTests(ImportedModuleFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData("about_EdgeePS")]
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

    [Fact]
    public void TheErrorTableNamesEveryErrorIdTheModuleReports()
    {
        var text = AboutText();
        var errorIds = typeof(EdgeeErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
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

        var entries = result.Output.Select(item => item.ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, entries.Count);
        Assert.StartsWith("about_EdgeePS :: Streams chat completions", entries[0]);
        Assert.StartsWith("about_EdgeePS_Tools :: Lets a model call PowerShell commands", entries[1]);
    }

    // Every line fits an 80-column console, as PowerShell's own about topics do.
    [Theory]
    [InlineData("about_EdgeePS")]
    [InlineData("about_EdgeePS_Tools")]
    public void EveryLineFitsEightyColumns(string topic)
    {
        var wide = AboutText(topic).ReplaceLineEndings("\n").Split('\n').Where(line => line.Length > 80).ToList();

        Assert.True(wide.Count == 0, string.Join(Environment.NewLine, wide));
    }

    private string AboutText(string topic = "about_EdgeePS")
    {
        var result = _fixture.Session.Run($"Get-Help -Name {topic}").EnsureSuccess();
        return Assert.Single(result.Output).ToString();
    }
}
