using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Orchestration;

/// <summary>
/// A private copy of the staged module (EdgeePS.psd1 and module/) for the whole run. module/core belongs to everyone
/// who builds the repository, and a <c>dotnet test</c> elsewhere restages a Debug build there within minutes; every
/// child imports this copy instead, so all rounds measure one and the same build.
/// </summary>
public sealed class ModuleSnapshot : IDisposable
{
    private ModuleSnapshot(string root)
    {
        Root = root;
    }

    public string Root { get; }

    /// <summary>Copies the module and points this process and its children at the copy.</summary>
    public static ModuleSnapshot Create()
    {
        var root = Path.Combine(Path.GetTempPath(), $"edgeeps-bench-{Environment.ProcessId}");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
        Directory.CreateDirectory(root);
        File.Copy(Path.Combine(RepoPaths.RepoRoot, "EdgeePS.psd1"), Path.Combine(root, "EdgeePS.psd1"));
        CopyDirectory(Path.Combine(RepoPaths.RepoRoot, "module"), Path.Combine(root, "module"));
        Environment.SetEnvironmentVariable(RepoPaths.ModuleRootVariable, root);
        return new ModuleSnapshot(root);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(RepoPaths.ModuleRootVariable, null);
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless; failing the report over it is not.
        }
    }

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }
        foreach (var directory in Directory.GetDirectories(source))
        {
            CopyDirectory(directory, Path.Combine(destination, Path.GetFileName(directory)));
        }
    }
}
