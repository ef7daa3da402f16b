using System.Diagnostics;
using System.Runtime.Loader;
using System.Security.Cryptography;

namespace EdgeePS.Bench.Reporting;

/// <summary>
/// Which EdgeePS the figures belong to. The module is being optimised against these numbers, so a table without a
/// commit is soon a table about nobody knows what. Read from the run's snapshot of the module.
/// </summary>
public sealed record ModuleProvenance(string Commit, bool SourceModified, string AssemblyHash, bool Optimized)
{
    /// <param name="moduleRoot">The run's snapshot of the module (EdgeePS.psd1 and module/).</param>
    /// <param name="source">Where the snapshot was copied from: the git checkout whose commit it is.</param>
    public static ModuleProvenance Capture(string moduleRoot, string source) => new(
        Commit: Git(source, "rev-parse", "--short", "HEAD") ?? "unknown commit",
        SourceModified: !string.IsNullOrWhiteSpace(Git(source, "status", "--porcelain", "--", "src", "module", "EdgeePS.psd1")),
        AssemblyHash: HashAssembly(CoreAssembly(moduleRoot)),
        Optimized: IsOptimized(CoreAssembly(moduleRoot)));

    public string Describe() =>
        $"EdgeePS at {Commit}{(SourceModified ? " with uncommitted changes" : string.Empty)}, module/core/EdgeePS.dll {AssemblyHash} ({(Optimized ? "Release" : "Debug")} build, copied aside for the run)";

    private static string CoreAssembly(string moduleRoot) => Path.Combine(moduleRoot, "module", "core", "EdgeePS.dll");

    /// <summary>The first 12 hex digits of the staged assembly's SHA-256: enough to tell two builds apart.</summary>
    private static string HashAssembly(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file))[..12];
    }

    /// <summary>Reads the assembly's attributes in a throw-away load context, so the orchestrator never holds the module.</summary>
    private static bool IsOptimized(string path)
    {
        var context = new AssemblyLoadContext("provenance", isCollectible: true);
        try
        {
            using var file = File.OpenRead(path);
            var assembly = context.LoadFromStream(file);
            return !assembly.GetCustomAttributesData().Any(attribute =>
                attribute.AttributeType.FullName == typeof(DebuggableAttribute).FullName
                && attribute.ConstructorArguments.Count == 1
                && attribute.ConstructorArguments[0].Value is int modes
                && ((DebuggableAttribute.DebuggingModes)modes).HasFlag(DebuggableAttribute.DebuggingModes.DisableOptimizations));
        }
        finally
        {
            context.Unload();
        }
    }

    private static string? Git(string directory, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            using var git = Process.Start(start);
            if (git is null)
            {
                return null;
            }
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No git on this machine: the report says "unknown commit".
            return null;
        }
    }
}
