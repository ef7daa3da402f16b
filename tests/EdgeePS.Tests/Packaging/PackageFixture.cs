using System.Text.Json;

namespace EdgeePS.Tests.Packaging;

/// <summary>
/// Runs the packager once for a test class, exactly as `dotnet run --project tools/EdgeePS.Packager` would but into
/// a temporary folder, so out/ is left alone. The packager also imports the package in its own fresh process and
/// reports what loaded.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("edgeeps-package-").FullName;

    public PackageFixture()
    {
        var reportPath = Path.Combine(_output, "report.json");
        Run = BuiltTool.Run("EdgeePS.Packager", "--output", _output, "--report", reportPath);
        ModuleRoot = Path.Combine(_output, "EdgeePS");
        Report = File.Exists(reportPath) ? JsonDocument.Parse(File.ReadAllText(reportPath)).RootElement.Clone() : null;
    }

    internal ToolRun Run { get; }

    /// <summary>out/EdgeePS: holds one folder, named for the version.</summary>
    public string ModuleRoot { get; }

    /// <summary>What the packager saw when it imported the package; null if it never got that far.</summary>
    public JsonElement? Report { get; }

    /// <summary>The one versioned folder under <see cref="ModuleRoot"/>: the folder to publish.</summary>
    public string PackageDirectory => Assert.Single(Directory.GetDirectories(ModuleRoot));

    public string ManifestPath => Path.Combine(PackageDirectory, "EdgeePS.psd1");

    public void Dispose() => Directory.Delete(_output, recursive: true);
}
