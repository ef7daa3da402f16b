using System.Diagnostics;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Hardening;

/// <summary>
/// Runs tools/EdgeePS.Demo in a process of its own — it streams one completion through the real PowerShell engine
/// with EdgeePS imported, reading EDGEE_API_KEY and EDGEE_BASE_URL — for tests that need settings .NET reads only
/// once per process, such as HTTP_PROXY / HTTPS_PROXY / NO_PROXY. The demo is built on first use if no build exists.
/// </summary>
internal static class DemoProcess
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(90);
    private static readonly Lazy<string> demoPath = new(FindOrBuildDemo, LazyThreadSafetyMode.ExecutionAndPublication);

    // Every spelling .NET reads (it accepts both cases), so the test process's own settings never leak in.
    private static readonly string[] ProxyVariables =
        ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "all_proxy", "no_proxy"];

    /// <summary>Runs the demo with <paramref name="environment"/> on top of a copy of this process's environment minus any proxy settings.</summary>
    public static async Task<DemoRun> RunAsync(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(demoPath.Value);
        foreach (var name in ProxyVariables)
        {
            start.Environment.Remove(name);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(RunLimit);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The demo ran longer than {RunLimit}; it was stopped.");
        }
        return new DemoRun(process.ExitCode, await standardOutput, await standardError);
    }

    private static string FindOrBuildDemo()
    {
        var project = Path.Combine(ModulePaths.RepoRoot, "tools", "EdgeePS.Demo");
        // The configuration the tests were built in comes first; any other build of the demo serves as well.
        var ownConfiguration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        foreach (var configuration in new[] { ownConfiguration, "Debug", "Release" })
        {
            var candidate = Path.Combine(project, "bin", configuration, "net10.0", "EdgeePS.Demo.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var build = Process.Start(new ProcessStartInfo("dotnet", ["build", project, "-c", ownConfiguration, "--nologo", "-v", "quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("dotnet build did not start.");
        var buildOutput = build.StandardOutput.ReadToEndAsync();
        build.WaitForExit();
        var built = Path.Combine(project, "bin", ownConfiguration, "net10.0", "EdgeePS.Demo.dll");
        return build.ExitCode == 0 && File.Exists(built)
            ? built
            : throw new InvalidOperationException($"Building the demo failed:{Environment.NewLine}{buildOutput.Result}");
    }
}
