namespace EdgeePS.Tests.Infrastructure;

/// <summary>Where the module a user would import lives, found from the test binaries' location.</summary>
public static class ModulePaths
{
    private static readonly Lazy<string> repoRoot = new(FindRepoRoot);

    /// <summary>The folder holding EdgeePS.sln.</summary>
    public static string RepoRoot => repoRoot.Value;

    /// <summary>The root manifest users pass to Import-Module.</summary>
    public static string ManifestPath => Path.Combine(RepoRoot, "EdgeePS.psd1");

    /// <summary>Where the build stages the PowerShell 7 assembly and its dependencies.</summary>
    public static string CoreModuleDirectory => Path.Combine(RepoRoot, "module", "core");

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
