using System.Management.Automation.Language;
using EdgeePS.Tests.Help;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Pester;

/// <summary>
/// The Pester suites (tests/pester), the examples and build.ps1 cannot run here (no pwsh, no Pester), so they are
/// checked statically with PowerShell's own parser: no syntax errors, and every command they call exists — in
/// EdgeePS, in Pester 5, in this engine, in the listed standard cmdlets, or as a function the script defines or
/// dot-sources. A typo in a command or a cmdlet removed from the module fails here with file:line.
/// </summary>
public sealed class PowerShellScriptTests : IClassFixture<ImportedModuleFixture>
{
    private readonly PowerShellSession _session;

    public PowerShellScriptTests(ImportedModuleFixture fixture) => _session = fixture.Session;

    public static TheoryData<string> Scripts() => new(ScriptPaths());

    /// <summary>Repository-relative paths of every script checked here.</summary>
    private static List<string> ScriptPaths()
    {
        var root = ModulePaths.RepoRoot;
        return Directory.GetFiles(Path.Combine(root, "tests", "pester"), "*.ps1")
            .Concat(Directory.GetFiles(Path.Combine(root, "examples"), "*.ps1"))
            .Append(Path.Combine(root, "build.ps1"))
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [Fact]
    public void ThePesterSuitesAndTheExampleTestsAreThere()
    {
        var scripts = ScriptPaths();

        Assert.Contains("examples/Summarize-Log.ps1", scripts);
        Assert.Contains("examples/Summarize-Log.Tests.ps1", scripts);
        Assert.True(scripts.Count(script => script.StartsWith("tests/pester/", StringComparison.Ordinal) && script.EndsWith(".Tests.ps1", StringComparison.Ordinal)) >= 4);
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void ParsesWithoutErrors(string script)
    {
        Parser.ParseFile(Path.Combine(ModulePaths.RepoRoot, script), out _, out var errors);

        Assert.True(errors.Length == 0, string.Join(Environment.NewLine, errors.Select(error => $"{script}:{error.Extent.StartLineNumber}: {error.Message}")));
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void CallsOnlyCommandsThatExist(string script)
    {
        var path = Path.Combine(ModulePaths.RepoRoot, script);
        var ast = Parser.ParseFile(path, out _, out _);

        var problems = UnknownCommands(script, ast, DefinedFunctions(path, ast), firstLine: 1);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    public static TheoryData<string> DocumentedFiles() => new(new[] { "README.md" }
        .Concat(Directory.GetFiles(Path.Combine(ModulePaths.RepoRoot, "help", "en-US"), "*.md")
            .Select(file => Path.GetRelativePath(ModulePaths.RepoRoot, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)));

    /// <summary>Every ```powershell example in the documentation parses and calls only commands that exist.</summary>
    [Theory]
    [MemberData(nameof(DocumentedFiles))]
    public void DocumentationExamplesParseAndCallOnlyCommandsThatExist(string document)
    {
        var problems = new List<string>();
        var examples = PowerShellBlocks(File.ReadAllLines(Path.Combine(ModulePaths.RepoRoot, document))).ToList();
        foreach (var (text, firstLine) in examples)
        {
            var ast = Parser.ParseInput(text, out _, out var errors);
            problems.AddRange(errors.Select(error => $"{document}:{firstLine + error.Extent.StartLineNumber - 1}: {error.Message}"));
            var defined = ast.FindAll(node => node is FunctionDefinitionAst, searchNestedScriptBlocks: true)
                .Cast<FunctionDefinitionAst>().Select(function => function.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            problems.AddRange(UnknownCommands(document, ast, defined, firstLine));
        }

        Assert.NotEmpty(examples);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static IEnumerable<(string Text, int FirstLine)> PowerShellBlocks(string[] lines)
    {
        for (var index = 0; index < lines.Length; index++)
        {
            if (lines[index].Trim() != "```powershell")
            {
                continue;
            }

            var end = Array.FindIndex(lines, index + 1, line => line.Trim() == "```");
            yield return (string.Join("\n", lines[(index + 1)..end]), index + 2);
            index = end;
        }
    }

    private List<string> UnknownCommands(string label, Ast ast, HashSet<string> defined, int firstLine)
    {
        var calls = ast.FindAll(node => node is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>()
            .Select(call => (Name: call.GetCommandName(), Line: firstLine + call.Extent.StartLineNumber - 1))
            .Where(call => !string.IsNullOrEmpty(call.Name))
            .ToList();
        var engine = ResolveInEngine(calls.Select(call => call.Name!).Distinct(StringComparer.OrdinalIgnoreCase));

        var problems = new List<string>();
        foreach (var (name, line) in calls)
        {
            if (engine.TryGetValue(name!, out var commandType) && commandType == "Alias")
            {
                problems.Add($"{label}:{line}: '{name}' is an alias; scripts spell commands out.");
            }
            else if (!engine.ContainsKey(name!) && !defined.Contains(name!) && !KnownCommands.Pester5.Contains(name!)
                && !KnownCommands.StandardCmdletsMissingHere.Contains(name!) && !KnownCommands.ExternalTools.Contains(name!)
                && !KnownCommands.OtherModules.Contains(name!) && !IsRepositoryScript(name!))
            {
                problems.Add($"{label}:{line}: unknown command '{name}'.");
            }
        }

        return problems;
    }

    // The documentation runs the repository's own scripts by path, e.g. ./build.ps1.
    private static bool IsRepositoryScript(string name) =>
        name.StartsWith("./", StringComparison.Ordinal) && File.Exists(Path.Combine(ModulePaths.RepoRoot, name[2..]));

    /// <summary>The command types of the names this engine resolves, with EdgeePS imported.</summary>
    private Dictionary<string, string> ResolveInEngine(IEnumerable<string> names)
    {
        var result = _session.Run(
            "foreach ($name in $names) { $command = Get-Command -Name $name -ErrorAction SilentlyContinue | Where-Object { $_ } | ForEach-Object { $_ }; if ($command) { $name + '|' + @($command)[0].CommandType } }",
            new Dictionary<string, object?> { ["names"] = names.ToArray() });
        return result.Output.Select(item => item.ToString().Split('|')).ToDictionary(parts => parts[0], parts => parts[1], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Functions the script defines, and those of the scripts it dot-sources from its own folder.</summary>
    private static HashSet<string> DefinedFunctions(string path, Ast ast)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var function in ast.FindAll(node => node is FunctionDefinitionAst, searchNestedScriptBlocks: true).Cast<FunctionDefinitionAst>())
        {
            names.Add(function.Name);
        }

        foreach (var dotSource in ast.FindAll(node => node is CommandAst { InvocationOperator: TokenKind.Dot }, searchNestedScriptBlocks: true).Cast<CommandAst>())
        {
            var target = dotSource.CommandElements[0] switch
            {
                ExpandableStringExpressionAst expandable => expandable.Value,
                StringConstantExpressionAst constant => constant.Value,
                _ => null,
            };
            var resolved = target?.Replace("$PSScriptRoot", Path.GetDirectoryName(path), StringComparison.OrdinalIgnoreCase);
            if (resolved is not null && File.Exists(resolved))
            {
                names.UnionWith(DefinedFunctions(resolved, Parser.ParseFile(resolved, out _, out _)));
            }
        }

        return names;
    }
}
