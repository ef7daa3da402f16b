using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.Loader;

namespace EdgeePS.Packager;

/// <summary>
/// Imports the package in this process's PowerShell 7 engine, as a user would after installing it. The process
/// has loaded no EdgeePS yet, so what loads is exactly what the package holds: the proof that PowerShell 7 takes
/// core/, and that nothing from the package brings a second copy of a runtime type.
/// </summary>
public static class PackageVerifier
{
    public const string AsyncEnumerableTypeName = "System.Collections.Generic.IAsyncEnumerable`1";

    private const string Script = """
        $declared = (Test-ModuleManifest -Path $manifest -ErrorAction Stop).ExportedCmdlets.Keys
        $module = Import-Module -Name $manifest -PassThru -ErrorAction Stop
        $help = Get-Help -Name Invoke-EdgeeStream
        [pscustomobject]@{
            PSVersion = $PSVersionTable.PSVersion.ToString()
            Version   = $module.Version.ToString()
            Base      = $module.ModuleBase
            Cmdlets   = @(Get-Command -Module EdgeePS | ForEach-Object Name)
            Declared  = @($declared)
            Assembly  = (Get-Command -Name Invoke-EdgeeStream).ImplementingType.Assembly.Location
            Synopsis  = "$($help.Synopsis)"
            About     = [bool](Get-Help -Name about_EdgeePS -ErrorAction SilentlyContinue)
        }
        """;

    public static VerificationReport Verify(PackageResult package)
    {
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var powerShell = PowerShell.Create();
        powerShell.Runspace = runspace;
        runspace.SessionStateProxy.SetVariable("manifest", package.ManifestPath);
        var results = powerShell.AddScript(Script).Invoke();
        if (powerShell.HadErrors || results.Count != 1)
        {
            var errors = string.Join(Environment.NewLine, powerShell.Streams.Error.Select(error => $"{error} ({error.FullyQualifiedErrorId})"));
            throw new PackagingException($"Importing {package.ManifestPath} failed:{Environment.NewLine}{errors}");
        }

        var facts = results[0];
        var report = new VerificationReport
        {
            PowerShellVersion = Text(facts, "PSVersion"),
            ModuleVersion = Text(facts, "Version"),
            ModuleBase = Text(facts, "Base"),
            EdgeePSAssembly = Text(facts, "Assembly"),
            Cmdlets = Names(facts, "Cmdlets"),
            DeclaredCmdlets = Names(facts, "Declared"),
            AssembliesFromPackage = AssembliesLoadedFrom(package.Directory),
            HelpSynopsis = Text(facts, "Synopsis"),
            AboutTopicFound = (bool)facts.Properties["About"].Value,
        };
        FindProblems(report, package);
        return report;
    }

    private static void FindProblems(VerificationReport report, PackageResult package)
    {
        var core = Path.Combine(package.Directory, "core") + Path.DirectorySeparatorChar;
        if (!report.EdgeePSAssembly.StartsWith(core, StringComparison.Ordinal))
        {
            report.Problems.Add($"PowerShell 7 loaded EdgeePS from {report.EdgeePSAssembly}, not from {core}.");
        }

        // Beside EdgeePS.dll the engine would find a dependency itself and load it where every module shares it.
        foreach (var exposed in Directory.EnumerateFiles(core, "*.dll").Where(path => Path.GetFileName(path) != "EdgeePS.dll"))
        {
            report.Problems.Add($"{exposed} sits beside EdgeePS.dll; the module's dependencies belong in core/dependencies/.");
        }

        var shared = AssemblyLoadContext.Default.Name;
        foreach (var dependency in report.AssembliesFromPackage.Where(assembly => assembly.LoadContext == shared && assembly.Path != Path.Combine(core, "EdgeePS.dll")))
        {
            report.Problems.Add($"{dependency.Path} loaded into the shared load context; only EdgeePS.dll belongs there.");
        }

        foreach (var duplicate in report.AssembliesFromPackage.Where(assembly => assembly.DefinesAsyncEnumerable))
        {
            report.Problems.Add($"{duplicate.Path} defines its own {AsyncEnumerableTypeName}: PowerShell 7 must use the runtime's.");
        }

        if (!report.Cmdlets.Order().SequenceEqual(report.DeclaredCmdlets.Order()))
        {
            report.Problems.Add($"The module exposes [{string.Join(", ", report.Cmdlets)}] but declares [{string.Join(", ", report.DeclaredCmdlets)}].");
        }

        if (report.ModuleVersion != package.Version.Numeric.ToString())
        {
            report.Problems.Add($"The imported module says version {report.ModuleVersion}; the package is {package.Version}.");
        }

        // Without a help file, Get-Help makes a synopsis out of the syntax line.
        if (string.IsNullOrWhiteSpace(report.HelpSynopsis) || report.HelpSynopsis.Contains("[<CommonParameters>]", StringComparison.Ordinal))
        {
            report.Problems.Add("Get-Help found no help for Invoke-EdgeeStream in the package.");
        }

        if (!report.AboutTopicFound)
        {
            report.Problems.Add("Get-Help found no about_EdgeePS topic in the package.");
        }
    }

    private static List<LoadedAssembly> AssembliesLoadedFrom(string directory) =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(assembly => !assembly.IsDynamic && assembly.Location.StartsWith(directory, StringComparison.Ordinal))
            .Select(assembly => new LoadedAssembly(
                assembly.Location,
                assembly.GetType(AsyncEnumerableTypeName, throwOnError: false)?.Assembly == assembly,
                AssemblyLoadContext.GetLoadContext(assembly)?.Name ?? string.Empty))
            .OrderBy(assembly => assembly.Path, StringComparer.Ordinal)
            .ToList();

    private static string Text(PSObject facts, string name) => facts.Properties[name].Value?.ToString() ?? string.Empty;

    private static List<string> Names(PSObject facts, string name) =>
        ((object[])facts.Properties[name].Value).Select(value => value.ToString()!).ToList();
}
