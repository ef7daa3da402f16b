namespace EdgeePS.Bench.Shared;

/// <summary>Where the files the contenders load live, found from the benchmark's own location.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> repoRoot = new(FindRepoRoot);

    /// <summary>Set by the orchestrator to its private copy of the staged module, and inherited by every child.</summary>
    public const string ModuleRootVariable = "EDGEEPS_BENCH_MODULE_ROOT";

    public static string RepoRoot => repoRoot.Value;

    /// <summary>Where the benchmark's assembly is: in a pwsh child, AppContext.BaseDirectory is pwsh's own folder.</summary>
    public static string BenchDirectory => Path.GetDirectoryName(typeof(RepoPaths).Assembly.Location)!;

    /// <summary>The folder holding EdgeePS.psd1 and module/: the benchmark's snapshot when there is one, else the repository.</summary>
    public static string ModuleRoot =>
        Environment.GetEnvironmentVariable(ModuleRootVariable) is { Length: > 0 } snapshot ? snapshot : RepoRoot;

    /// <summary>The manifest users import.</summary>
    public static string ManifestPath => ManifestIn(ModuleRoot);

    /// <summary>Where the build stages the PowerShell 7 assembly.</summary>
    public static string CoreModuleDirectory => Path.Combine(ModuleRoot, "module", "core");

    public static string ManifestIn(string moduleRoot) => Path.Combine(moduleRoot, "EdgeePS.psd1");

    public static string CoreModuleAssemblyIn(string moduleRoot) => Path.Combine(moduleRoot, "module", "core", "EdgeePS.dll");

    public static string TrivialModuleAssembly => Path.Combine(BenchDirectory, "trivial-module", "EdgeePS.Bench.TrivialModule.dll");

    public static string TrivialModuleManifest => Path.Combine(BenchDirectory, "trivial-module", "EdgeePS.Bench.TrivialModule.psd1");

    public static string TrivialLayoutManifest => Path.Combine(BenchDirectory, "trivial-layout", "TrivialLayout.psd1");

    /// <summary>The scripts a pwsh child runs (Pwsh/*.ps1, beside the benchmark).</summary>
    public static string PwshScript(string name) => Path.Combine(BenchDirectory, "Pwsh", name);

    public static string ScriptModulePath => Path.Combine(BenchDirectory, "ScriptModule", "LlmScriptClient.psm1");

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(BenchDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "EdgeePS.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No folder above {BenchDirectory} contains EdgeePS.sln.");
    }
}
