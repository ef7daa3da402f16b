using System.Text.Json;
using EdgeePS.Tests.Infrastructure;
using Xunit.Abstractions;

namespace EdgeePS.Tests.Pester;

/// <summary>
/// Every Pester suite of the repository (tests/pester/*.Tests.ps1 and examples/*.Tests.ps1), run by Pester 5.7.1 in a
/// fresh pwsh against the built module, one xunit test per file. A suite passes only if it ran at least one test and
/// every test passed; a failure names each failing test with its message. A new suite is picked up by its file name.
/// </summary>
public sealed class PesterSuiteTests
{
    private static readonly string Runner = Path.Combine(ModulePaths.RepoRoot, "tests", "EdgeePS.Tests", "Pester", "Invoke-PesterSuite.ps1");

    private readonly ITestOutputHelper _output;

    public PesterSuiteTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string> Suites() => new(SuitePaths());

    /// <summary>Repository-relative paths of every suite.</summary>
    private static List<string> SuitePaths()
    {
        var root = ModulePaths.RepoRoot;
        return Directory.GetFiles(Path.Combine(root, "tests", "pester"), "*.Tests.ps1")
            .Concat(Directory.GetFiles(Path.Combine(root, "examples"), "*.Tests.ps1"))
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [Fact]
    public void TheSuitesOfBothFoldersArePickedUp()
    {
        var suites = SuitePaths();

        Assert.Contains("examples/Summarize-Log.Tests.ps1", suites);
        Assert.Contains("tests/pester/Streaming.Tests.ps1", suites);
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void EveryTestOfTheSuitePassesInPwsh(string suite)
    {
        var resultPath = Path.Combine(Path.GetTempPath(), $"edgeeps-pester-{Guid.NewGuid():N}.json");
        try
        {
            var run = Pwsh.RunFile(Runner,
                ["-PesterManifest", DownloadedPackages.PesterManifest, "-Path", Path.Combine(ModulePaths.RepoRoot, suite), "-ResultPath", resultPath]);
            Assert.True(File.Exists(resultPath), $"{suite}: the runner wrote no result.{Environment.NewLine}{run}");
            var result = JsonDocument.Parse(File.ReadAllText(resultPath)).RootElement;

            var tests = Items(result, "Tests").Select(test => (Name: Text(test, "Name"), Result: Text(test, "Result"), Error: Text(test, "Error"))).ToList();
            var notPassed = tests.Where(test => test.Result != "Passed").Select(test => $"{test.Name}: {test.Result}{Environment.NewLine}    {test.Error}");
            var brokenContainers = Items(result, "Containers").Where(container => Text(container, "Error").Length > 0)
                .Select(container => $"{Text(container, "Item")}: the suite itself failed{Environment.NewLine}    {Text(container, "Error")}");
            var failedBlocks = Items(result, "FailedBlocks").Select(block => $"{Text(block, "Name")}: setup or teardown failed{Environment.NewLine}    {Text(block, "Error")}");
            var problems = brokenContainers.Concat(failedBlocks).Concat(notPassed).ToList();

            _output.WriteLine($"{suite}: {tests.Count} Pester test(s), {tests.Count(test => test.Result == "Passed")} passed, " +
                $"Pester {Text(result, "PesterVersion")} on pwsh {Text(result, "PSVersion")}");
            Assert.True(problems.Count == 0, $"{suite}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}{Environment.NewLine}{Environment.NewLine}{run.Output}");
            Assert.True(tests.Count > 0, $"{suite} ran no test.{Environment.NewLine}{run}");
            Assert.Equal("Passed", Text(result, "Result"));
            Assert.Equal(0, run.ExitCode);
        }
        finally
        {
            File.Delete(resultPath);
        }
    }

    private static IEnumerable<JsonElement> Items(JsonElement result, string name) =>
        result.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array ? items.EnumerateArray() : [];

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
}
