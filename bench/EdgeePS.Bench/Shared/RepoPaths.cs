namespace EdgeePS.Bench.Shared;

/// <summary>Where the files the contenders load live, found from the benchmark's own location.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> repoRoot = new(FindRepoRoot);

    /// <summary>Set by the orchestrator to its private copy of the staged module, and inherited by every child.</summary>
    public const string ModuleRootVariable = "EDGEEPS_BENCH_MODULE_ROOT";

    public static string RepoRoot => repoRoot.Value;

    /// <summary>The folder holding EdgeePS.psd1 and module/: the benchmark's snapshot when there is one, else the repository.</summary>
    public static string ModuleRoot =>
        Environment.GetEnvironmentVariable(ModuleRootVariable) is { Length: > 0 } snapshot ? snapshot : RepoRoot;

    /// <summary>The manifest users import.</summary>
    public static string ManifestPath => Path.Combine(ModuleRoot, "EdgeePS.psd1");

    /// <summary>Where the build stages the PowerShell 7 assembly.</summary>
    public static string CoreModuleDirectory => Path.Combine(ModuleRoot, "module", "core");

    public static string CoreModuleAssembly => Path.Combine(CoreModuleDirectory, "EdgeePS.dll");

    public static string TrivialModuleAssembly => Path.Combine(AppContext.BaseDirectory, "trivial-module", "EdgeePS.Bench.TrivialModule.dll");

    public static string TrivialModuleManifest => Path.Combine(AppContext.BaseDirectory, "trivial-module", "EdgeePS.Bench.TrivialModule.psd1");

    public static string ScriptModulePath => Path.Combine(AppContext.BaseDirectory, "ScriptModule", "LlmScriptClient.psm1");

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EdgeePS.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} contains EdgeePS.sln.");
    }
}
