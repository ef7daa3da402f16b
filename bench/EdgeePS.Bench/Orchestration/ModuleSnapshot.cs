using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Orchestration;

/// <summary>
/// A private copy of a staged module (EdgeePS.psd1 and module/) for the whole run. module/core belongs to everyone
/// who builds the repository, and a <c>dotnet test</c> elsewhere restages a Debug build there within minutes; every
/// child imports this copy instead, so all rounds measure one and the same build. The repository's own module is the
/// one under test; a <c>--baseline</c> module gets a copy of its own, which its children are pointed at.
/// </summary>
public sealed class ModuleSnapshot : IDisposable
{
    private readonly bool underTest;

    private ModuleSnapshot(string root, bool underTest)
    {
        Root = root;
        this.underTest = underTest;
    }

    public string Root { get; }

    /// <summary>The repository's staged module: copied, and this process and its children pointed at the copy.</summary>
    public static ModuleSnapshot CreateUnderTest()
    {
        var snapshot = new ModuleSnapshot(Copy(RepoPaths.RepoRoot, "module"), underTest: true);
        Environment.SetEnvironmentVariable(RepoPaths.ModuleRootVariable, snapshot.Root);
        return snapshot;
    }

    /// <summary>Another build's module folder (EdgeePS.psd1 and module/), copied; children are pointed at it one by one.</summary>
    public static ModuleSnapshot CreateBaseline(string source) => new(Copy(source, "baseline"), underTest: false);

    public void Dispose()
    {
        if (underTest)
        {
            Environment.SetEnvironmentVariable(RepoPaths.ModuleRootVariable, null);
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless; failing the report over it is not.
        }
    }

    private static string Copy(string source, string label)
    {
        if (!File.Exists(Path.Combine(source, "EdgeePS.psd1")) || !File.Exists(Path.Combine(source, "module", "core", "EdgeePS.dll")))
        {
            throw new InvalidOperationException($"{source} holds no staged module (EdgeePS.psd1 and module/core/EdgeePS.dll); build it with 'dotnet build -c Release' first.");
        }
        var root = Path.Combine(Path.GetTempPath(), $"edgeeps-bench-{Environment.ProcessId}-{label}");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
        Directory.CreateDirectory(root);
        File.Copy(Path.Combine(source, "EdgeePS.psd1"), Path.Combine(root, "EdgeePS.psd1"));
        CopyDirectory(Path.Combine(source, "module"), Path.Combine(root, "module"));
        return root;
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
