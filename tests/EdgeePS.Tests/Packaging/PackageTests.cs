using System.Text.Json;
using System.Xml.Linq;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Packaging;

/// <summary>
/// The packager turns the staged build into a module folder that can be published or copied into a PSModulePath
/// folder as it is: a valid manifest with the repository's single version, both editions, the format file and
/// the help, and nothing of PowerShell's own.
/// </summary>
public sealed class PackageTests : IClassFixture<PackageFixture>
{
    private static readonly string[] DesktopClosure =
    [
        "System.Text.Json", "System.Memory", "Microsoft.Bcl.AsyncInterfaces", "System.Runtime.CompilerServices.Unsafe", "System.Buffers",
        "System.Threading.Tasks.Extensions", "System.Text.Encodings.Web", "System.Net.ServerSentEvents", "System.Numerics.Vectors",
    ];

    // What Windows PowerShell itself provides to a module: the .NET Framework (through the netstandard facade) and the engine.
    private static readonly string[] ProvidedByWindowsPowerShell = ["netstandard", "mscorlib", "System", "System.Core", "System.Management.Automation"];

    private readonly PackageFixture _package;

    public PackageTests(PackageFixture package) => _package = package;

    [Fact]
    public void PackagingSucceedsAndItsImportCheckFindsNothingWrong()
    {
        Assert.True(_package.Run.ExitCode == 0, _package.Run.ToString());
        var report = Report();
        Assert.Empty(report.GetProperty("Problems").EnumerateArray());
        Assert.StartsWith("7.", report.GetProperty("PowerShellVersion").GetString());
    }

    [Fact]
    public void TheManifestPassesTestModuleManifestWithTheRepositorysVersion()
    {
        var version = RepositoryVersion();
        using var session = new PowerShellSession(importModule: false);

        var result = session.Run(
            "$m = Test-ModuleManifest -Path $path; $m.Version.ToString(); $m.RootModule; @($m.ExportedFormatFiles).Count; @($m.ExportedCmdlets.Keys).Count",
            new Dictionary<string, object?> { ["path"] = _package.ManifestPath });

        Assert.True(result.Errors.Count == 0 && result.TerminatingError is null, result.AllText());
        Assert.Equal([version, "EdgeePS.psm1", "1", "15"], result.Output.Select(item => item.ToString()));
        Assert.Equal(version, Path.GetFileName(_package.PackageDirectory));
    }

    [Fact]
    public void ImportingThePackagedManifestInAFreshRunspaceExposesTheFifteenCmdlets()
    {
        using var session = new PowerShellSession(importModule: false);

        var result = session.Run(
            "$module = Import-Module -Name $path -PassThru -ErrorAction Stop; $module.ModuleBase; Get-Command -Module EdgeePS | ForEach-Object Name",
            new Dictionary<string, object?> { ["path"] = _package.ManifestPath });

        result.EnsureSuccess();
        Assert.Equal(_package.PackageDirectory, result.Output[0].ToString());
        Assert.Equal(
            ["Add-EdgeeSimulatorResponse", "Connect-Edgee", "Disconnect-Edgee", "Enter-EdgeeChat", "Get-EdgeeConfiguration", "Get-EdgeeModel", "Get-EdgeeSimulatorRequest",
             "Invoke-EdgeeStream", "Join-EdgeeStream", "New-EdgeeChat", "New-EdgeeTool", "Send-EdgeeCompletion", "Show-EdgeeStream", "Start-EdgeeSimulator", "Stop-EdgeeSimulator"],
            result.Output.Skip(1).Select(item => item.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheFolderHoldsTheManifestScriptFormatsHelpAndBothEditions()
    {
        var files = Files();

        Assert.Superset(new HashSet<string>
        {
            "EdgeePS.psd1", "EdgeePS.psm1", "EdgeePS.Format.ps1xml", "EdgeePS.Types.ps1xml",
            "en-US/EdgeePS.dll-Help.xml", "en-US/about_EdgeePS.help.txt", "en-US/about_EdgeePS_Testing.help.txt", "en-US/about_EdgeePS_Tools.help.txt",
            "core/EdgeePS.dll", "desktop/EdgeePS.dll",
        }, files.ToHashSet());
        // PowerShell 7 gets nothing but EdgeePS and, out of the engine's reach, the one package its runtime may lack:
        // no second copy of a runtime type.
        Assert.Equal(
            ["core/EdgeePS.dll", "core/dependencies/System.Net.ServerSentEvents.dll"],
            files.Where(file => file.StartsWith("core/", StringComparison.Ordinal) && file.EndsWith(".dll", StringComparison.Ordinal)));
    }

    [Fact]
    public void NoPowerShellAssemblyShips()
    {
        var shipped = Directory.GetFiles(_package.PackageDirectory, "*.dll", SearchOption.AllDirectories)
            .Select(path => (Path: path, Name: AssemblyMetadata.Read(path).Name))
            .Where(assembly => assembly.Name.StartsWith("System.Management.Automation", StringComparison.OrdinalIgnoreCase)
                || assembly.Name.Contains("PowerShellStandard", StringComparison.OrdinalIgnoreCase)
                || Path.GetFileName(assembly.Path).Contains("PowerShellStandard", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.Empty(shipped);
        Assert.NotEmpty(Files());
    }

    [Fact]
    public void DesktopDependenciesHoldSystemTextJsonsWholeClosure()
    {
        var dependencies = Path.Combine(_package.PackageDirectory, "desktop", "dependencies");
        var shipped = Directory.GetFiles(dependencies, "*.dll").Select(path => AssemblyMetadata.Read(path)).ToList();

        Assert.Superset(DesktopClosure.ToHashSet(), shipped.Select(assembly => assembly.Name).ToHashSet());

        // Closed: everything the desktop build or a dependency references is shipped or provided by Windows PowerShell.
        var available = shipped.Select(assembly => assembly.Name).Concat(ProvidedByWindowsPowerShell).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var desktop = AssemblyMetadata.Read(Path.Combine(_package.PackageDirectory, "desktop", "EdgeePS.dll"));
        var unresolved = shipped.Append(desktop)
            .SelectMany(assembly => assembly.References.Where(reference => !available.Contains(reference)).Select(reference => $"{assembly.Name} -> {reference}"))
            .ToList();
        Assert.True(unresolved.Count == 0, "Not shipped: " + string.Join(", ", unresolved));
    }

    [Fact]
    public void EachBuildCarriesItsEditionsDependencyResolverAndTheDesktopOneTargetsNetStandard()
    {
        var desktop = AssemblyMetadata.Read(Path.Combine(_package.PackageDirectory, "desktop", "EdgeePS.dll"));
        var core = AssemblyMetadata.Read(Path.Combine(_package.PackageDirectory, "core", "EdgeePS.dll"));

        Assert.Contains("EdgeePS.Module.DesktopDependencyResolver", desktop.TypeNames);
        Assert.DoesNotContain("EdgeePS.Module.CoreDependencyResolver", desktop.TypeNames);
        Assert.Contains("EdgeePS.Module.CoreDependencyResolver", core.TypeNames);
        Assert.Contains("EdgeePS.Module.DependencyLoadContext", core.TypeNames);
        Assert.DoesNotContain("EdgeePS.Module.DesktopDependencyResolver", core.TypeNames);
        Assert.Contains("netstandard", desktop.References);
        Assert.Contains("System.Runtime", core.References);
        Assert.DoesNotContain("netstandard", core.References);
    }

    [Fact]
    public void PowerShell7LoadsTheCoreBuildAndTheRuntimesOwnIAsyncEnumerable()
    {
        // Seen by the packager's own process, which had loaded no EdgeePS before importing the package.
        var report = Report();
        var core = Path.Combine(_package.PackageDirectory, "core") + Path.DirectorySeparatorChar;

        Assert.StartsWith(core, report.GetProperty("EdgeePSAssembly").GetString());
        var loaded = report.GetProperty("AssembliesFromPackage").EnumerateArray().ToList();
        Assert.NotEmpty(loaded);
        Assert.All(loaded, assembly =>
        {
            Assert.StartsWith(core, assembly.GetProperty("Path").GetString());
            Assert.False(assembly.GetProperty("DefinesAsyncEnumerable").GetBoolean(), assembly.GetProperty("Path").GetString());
        });
    }

    [Fact]
    public void GetHelpFindsTheHelpInThePackage()
    {
        var report = Report();

        Assert.StartsWith("Streams a chat completion", report.GetProperty("HelpSynopsis").GetString());
        Assert.True(report.GetProperty("AboutTopicFound").GetBoolean());
    }

    private JsonElement Report() => _package.Report ?? throw new InvalidOperationException("The packager wrote no report: " + _package.Run);

    private List<string> Files() =>
        Directory.GetFiles(_package.PackageDirectory, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(_package.PackageDirectory, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string RepositoryVersion() =>
        XDocument.Load(Path.Combine(ModulePaths.RepoRoot, "Directory.Build.props")).Descendants("Version").Single().Value;
}
