using System.Diagnostics;
using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Orchestration;

/// <summary>
/// Finds the pinned pwsh: the PowerShell dotnet tool of .config/dotnet-tools.json, restored first so that a fresh
/// clone needs nothing installed (up to date, the restore only checks the NuGet cache). The tool itself says where it
/// lives, so nothing here repeats the version pinned in the manifest.
/// </summary>
public static class PwshLocator
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    /// <summary>$PSHOME of the pinned pwsh, and its version.</summary>
    public static (string Home, string Version) Find(string dotnet)
    {
        Run(dotnet, "tool", "restore");
        var lines = Run(dotnet, "tool", "run", "pwsh", "--", "-NoProfile", "-NonInteractive", "-Command", "$PSHOME; $PSVersionTable.PSVersion.ToString()")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines is [var home, var version] && File.Exists(Path.Combine(home, "pwsh.dll"))
            ? (home, version)
            : throw new InvalidOperationException($"The pwsh tool of .config/dotnet-tools.json did not say where a pwsh.dll is: {string.Join(" ", lines)}");
    }

    private static string Run(string dotnet, params string[] arguments)
    {
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.RepoRoot,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dotnet}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Patience))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"'dotnet {string.Join(' ', arguments)}' ran longer than {Patience.TotalMinutes} minutes.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'dotnet {string.Join(' ', arguments)}' in {RepoPaths.RepoRoot} failed with exit code {process.ExitCode}: {errors.Result.Trim()} {output.Result.Trim()}");
        }
        return output.Result;
    }
}
