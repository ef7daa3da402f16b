namespace EdgeePS.Packager;

/// <summary>
/// Lays out the publishable module from what the build staged under module/:
/// <code>
/// EdgeePS/&lt;version&gt;/EdgeePS.psd1           stamped from the repository's manifest
///                   EdgeePS.psm1           picks core/ or desktop/ at import
///                   EdgeePS.Format.ps1xml
///                   EdgeePS.Types.ps1xml
///                   en-US/                  cmdlet help (MAML) and about topics, for both editions
///                   core/                   net8.0 build (PowerShell 7.4+)
///                   core/dependencies/      System.Net.ServerSentEvents, loaded into EdgeePS's own load context by CoreDependencyResolver
///                   desktop/                netstandard2.0 build (Windows PowerShell 5.1)
///                   desktop/dependencies/   System.Text.Json's closure, loaded by DesktopDependencyResolver
/// </code>
/// The versioned folder is what an installed module looks like, so out/ can be copied into a PSModulePath folder.
/// </summary>
public static class ModulePackage
{
    public const string ModuleName = "EdgeePS";
    public const string Culture = "en-US";

    private const string AssemblyFile = ModuleName + ".dll";

    public static PackageResult Create(string repositoryRoot, string outputRoot)
    {
        var staged = Path.Combine(repositoryRoot, "module");
        var core = Path.Combine(staged, "core");
        var desktop = Path.Combine(staged, "desktop");
        var help = Path.Combine(core, Culture);
        foreach (var required in new[] { Path.Combine(core, AssemblyFile), Path.Combine(desktop, AssemblyFile), Path.Combine(help, AssemblyFile + "-Help.xml") })
        {
            if (!File.Exists(required))
            {
                throw new PackagingException($"{required} is missing: build first (dotnet build -c Release).");
            }
        }

        var version = ModuleVersion.FromAssembly(Path.Combine(core, AssemblyFile));
        var desktopVersion = ModuleVersion.FromAssembly(Path.Combine(desktop, AssemblyFile));
        if (version != desktopVersion)
        {
            throw new PackagingException($"The staged builds disagree: core is {version}, desktop is {desktopVersion}. Rebuild both.");
        }

        var moduleRoot = Path.Combine(outputRoot, ModuleName);
        if (Directory.Exists(moduleRoot))
        {
            // Only this module's folder: one version at a time, never a leftover file from an earlier layout.
            Directory.Delete(moduleRoot, recursive: true);
        }

        var target = Path.Combine(moduleRoot, version.Numeric.ToString());
        CopyFiles(staged, target, "EdgeePS.psm1", "EdgeePS.Format.ps1xml", "EdgeePS.Types.ps1xml");
        CopyAssemblies(core, Path.Combine(target, "core"));
        CopyAssemblies(Path.Combine(core, "dependencies"), Path.Combine(target, "core", "dependencies"));
        CopyAssemblies(desktop, Path.Combine(target, "desktop"));
        CopyAssemblies(Path.Combine(desktop, "dependencies"), Path.Combine(target, "desktop", "dependencies"));
        foreach (var file in Directory.EnumerateFiles(help).Where(IsHelpFile))
        {
            CopyFiles(help, Path.Combine(target, Culture), Path.GetFileName(file));
        }

        var manifestPath = Path.Combine(target, ModuleName + ".psd1");
        File.WriteAllText(manifestPath, ManifestStamper.Stamp(File.ReadAllText(Path.Combine(repositoryRoot, ModuleName + ".psd1")), version));
        RejectPowerShellItself(target);
        return new PackageResult(target, manifestPath, version);
    }

    private static void CopyFiles(string source, string target, params string[] names)
    {
        Directory.CreateDirectory(target);
        foreach (var name in names)
        {
            File.Copy(Path.Combine(source, name), Path.Combine(target, name), overwrite: true);
        }
    }

    /// <summary>Assemblies only: the staged folders also hold symbols and, in core/, the generated help.</summary>
    private static void CopyAssemblies(string source, string target)
    {
        var assemblies = Directory.EnumerateFiles(source, "*.dll").Where(path => !IsPowerShellItself(path)).Select(Path.GetFileName).ToArray();
        CopyFiles(source, target, assemblies!);
    }

    private static bool IsHelpFile(string path) =>
        path.EndsWith("-Help.xml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".help.txt", StringComparison.OrdinalIgnoreCase);

    // The host provides System.Management.Automation; PowerShellStandard.Library is a reference assembly that must never ship.
    private static bool IsPowerShellItself(string path)
    {
        var name = Path.GetFileName(path);
        return name.Equals("System.Management.Automation.dll", StringComparison.OrdinalIgnoreCase)
            || name.Contains("PowerShellStandard", StringComparison.OrdinalIgnoreCase);
    }

    private static void RejectPowerShellItself(string target)
    {
        var shipped = Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Where(IsPowerShellItself).ToList();
        if (shipped.Count > 0)
        {
            throw new PackagingException($"The package must not ship PowerShell's own assemblies: {string.Join(", ", shipped)}.");
        }
    }
}
