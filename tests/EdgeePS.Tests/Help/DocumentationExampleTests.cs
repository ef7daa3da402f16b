using System.Management.Automation.Language;
using System.Text.Json;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Help;

/// <summary>
/// Every ```powershell example in the README and the help, and build.ps1, parses and calls only commands that exist:
/// each name is resolved by Get-Command in a real pwsh with EdgeePS and Pester imported (the documentation shows how to
/// test runbooks), so a misspelt command, a cmdlet removed from the module or an alias (scripts spell commands out)
/// fails here with file:line.
/// </summary>
public sealed class DocumentationExampleTests
{
    /// <summary>
    /// Commands of modules the documentation shows EdgeePS working with that cannot be installed here, with the
    /// module each comes from. A test checks each is really missing, so an entry goes as soon as it is not needed.
    /// </summary>
    private static readonly Dictionary<string, string> NotInstalledHere = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Get-Secret"] = "Microsoft.PowerShell.SecretManagement",
    };

    private static readonly Lazy<Dictionary<string, string>> commandTypes = new(ResolveInPwsh, LazyThreadSafetyMode.ExecutionAndPublication);

    public static TheoryData<string> Documents() => new(DocumentPaths());

    private static List<string> DocumentPaths() =>
        new[] { "README.md", "build.ps1" }
            .Concat(Directory.GetFiles(Path.Combine(ModulePaths.RepoRoot, "help", "en-US"), "*.md")
                .Select(file => Path.GetRelativePath(ModulePaths.RepoRoot, file).Replace('\\', '/'))
                .Order(StringComparer.Ordinal))
            .ToList();

    [Theory]
    [MemberData(nameof(Documents))]
    public void ExamplesParseAndCallOnlyCommandsThatExist(string document)
    {
        var problems = new List<string>();
        var examples = Examples(document);
        foreach (var (text, firstLine) in examples)
        {
            var ast = Parser.ParseInput(text, out _, out var errors);
            problems.AddRange(errors.Select(error => $"{document}:{firstLine + error.Extent.StartLineNumber - 1}: {error.Message}"));
            var defined = ast.FindAll(node => node is FunctionDefinitionAst, searchNestedScriptBlocks: true)
                .Cast<FunctionDefinitionAst>().Select(function => function.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, line) in Calls(ast, firstLine).Where(call => !defined.Contains(call.Name) && !IsRepositoryScript(call.Name)))
            {
                if (commandTypes.Value.TryGetValue(name, out var type) && type == "Alias")
                {
                    problems.Add($"{document}:{line}: '{name}' is an alias; scripts spell commands out.");
                }
                else if (!commandTypes.Value.ContainsKey(name) && !NotInstalledHere.ContainsKey(name))
                {
                    problems.Add($"{document}:{line}: unknown command '{name}'.");
                }
            }
        }

        Assert.NotEmpty(examples);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void TheCommandsTakenOnTrustAreReallyMissingHere()
    {
        var found = NotInstalledHere.Keys.Where(commandTypes.Value.ContainsKey).ToList();

        Assert.True(found.Count == 0, "pwsh has these now; resolve them like any other: " + string.Join(", ", found));
        Assert.Contains("Invoke-EdgeeStream", commandTypes.Value.Keys);
        Assert.Equal("Cmdlet", commandTypes.Value["Select-Object"]);
    }

    /// <summary>The PowerShell text of a document with the line it starts on: a script whole, markdown by its ```powershell blocks.</summary>
    private static List<(string Text, int FirstLine)> Examples(string document)
    {
        var lines = File.ReadAllLines(Path.Combine(ModulePaths.RepoRoot, document));
        if (document.EndsWith(".ps1", StringComparison.Ordinal))
        {
            return [(string.Join("\n", lines), 1)];
        }

        var blocks = new List<(string, int)>();
        for (var index = 0; index < lines.Length; index++)
        {
            if (lines[index].Trim() == "```powershell")
            {
                var end = Array.FindIndex(lines, index + 1, line => line.Trim() == "```");
                blocks.Add((string.Join("\n", lines[(index + 1)..end]), index + 2));
                index = end;
            }
        }

        return blocks;
    }

    private static IEnumerable<(string Name, int Line)> Calls(Ast ast, int firstLine) =>
        ast.FindAll(node => node is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>()
            .Select(call => (Name: call.GetCommandName(), Line: firstLine + call.Extent.StartLineNumber - 1))
            .Where(call => !string.IsNullOrEmpty(call.Name))
            .Select(call => (call.Name!, call.Line));

    // The documentation runs the repository's own scripts by path, e.g. ./build.ps1.
    private static bool IsRepositoryScript(string name) =>
        name.StartsWith("./", StringComparison.Ordinal) && File.Exists(Path.Combine(ModulePaths.RepoRoot, name[2..]));

    /// <summary>The command type of every name any document calls that pwsh resolves, with EdgeePS and Pester imported.</summary>
    private static Dictionary<string, string> ResolveInPwsh()
    {
        var names = DocumentPaths().SelectMany(Examples)
            .SelectMany(example => Calls(Parser.ParseInput(example.Text, out _, out _), example.FirstLine).Select(call => call.Name))
            .Concat(NotInstalledHere.Keys).Append("Invoke-EdgeeStream").Append("Select-Object")
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        var namesFile = Path.Combine(Path.GetTempPath(), $"edgeeps-commands-{Guid.NewGuid():N}.json");
        File.WriteAllText(namesFile, JsonSerializer.Serialize(names));
        try
        {
            var run = Pwsh.RunScript("""
                param($Manifest, $Pester, $NamesFile)
                Import-Module -Name $Manifest -ErrorAction Stop
                Import-Module -Name $Pester -ErrorAction Stop
                $found = [ordered]@{}
                foreach ($name in (Get-Content -LiteralPath $NamesFile -Raw | ConvertFrom-Json)) {
                    $command = Get-Command -Name $name -ErrorAction SilentlyContinue | Select-Object -First 1
                    if ($command) { $found[$name] = "$($command.CommandType)" }
                }
                $found | ConvertTo-Json -Compress
                """, ["-Manifest", ModulePaths.ManifestPath, "-Pester", DownloadedPackages.PesterManifest, "-NamesFile", namesFile]).EnsureSuccess();
            var resolved = JsonSerializer.Deserialize<Dictionary<string, string>>(run.Output.Trim())!;
            return new Dictionary<string, string>(resolved, StringComparer.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(namesFile);
        }
    }
}
