using System.Reflection;

namespace EdgeePS.Tests.Help;

/// <summary>`Get-Help about_EdgeePS` finds the generated topic, and it covers what users need to know.</summary>
public sealed class AboutTopicTests : IClassFixture<ImportedModuleFixture>
{
    private readonly ImportedModuleFixture _fixture;

    public AboutTopicTests(ImportedModuleFixture fixture) => _fixture = fixture;

    [Fact]
    public void GetHelpReturnsTheTopicText()
    {
        var text = AboutText();

        Assert.StartsWith("TOPIC", text);
        Assert.Contains("about_EdgeePS", text);
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

        Assert.Collection(
            result.Output.Select(item => item.ToString()).Order(StringComparer.Ordinal),
            entry => Assert.StartsWith("about_EdgeePS :: Streams chat completions", entry),
            entry => Assert.StartsWith("about_EdgeePS_Testing :: How to test a script that calls EdgeePS offline", entry));
    }

    // Every line fits an 80-column console, as PowerShell's own about topics do.
    [Fact]
    public void EveryLineFitsEightyColumns()
    {
        var wide = AboutText().ReplaceLineEndings("\n").Split('\n').Where(line => line.Length > 80).ToList();

        Assert.True(wide.Count == 0, string.Join(Environment.NewLine, wide));
    }

    private string AboutText()
    {
        var result = _fixture.Session.Run("Get-Help -Name about_EdgeePS").EnsureSuccess();
        return Assert.Single(result.Output).ToString();
    }
}
