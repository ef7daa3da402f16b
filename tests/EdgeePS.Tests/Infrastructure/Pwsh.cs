using System.Diagnostics;

namespace EdgeePS.Tests.Infrastructure;

/// <summary>
/// Real pwsh, in a process of its own: the PowerShell dotnet tool pinned in .config/dotnet-tools.json, which the test
/// project's build restores. Each run starts with <c>-NoProfile -NonInteractive</c> and an environment cleaned of
/// what this process carries and a user's shell would not: the hosted engine's PSModulePath, the EDGEE_* settings
/// that environment tests set, and proxy variables; and without colours. Scripts get their inputs as parameters or
/// environment variables.
/// </summary>
public static class Pwsh
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    private static readonly string[] VariablesNotInherited =
    [
        // Set by the engine hosted in this process to its own module folder; pwsh computes its own.
        "PSModulePath",
        "EDGEE_API_KEY", "EDGEE_BASE_URL",
        "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "all_proxy", "no_proxy",
    ];

    private static readonly Lazy<string> home = new(FindHome, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>$PSHOME of the pinned pwsh: where pwsh.dll and its own modules (PSResourceGet, ThreadJob) are.</summary>
    public static string Home => home.Value;

    /// <summary>Runs <paramref name="script"/> (saved to a temporary .ps1 file) with <paramref name="arguments"/> as its parameters.</summary>
    /// <param name="dotnetRoot">Another .NET installation to run pwsh on; this process's otherwise.</param>
    public static PwshRun RunScript(
        string script, IEnumerable<string>? arguments = null, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null, string? dotnetRoot = null)
    {
        var file = Path.Combine(Path.GetTempPath(), $"edgeeps-{Guid.NewGuid():N}.ps1");
        File.WriteAllText(file, script);
        try
        {
            return RunFile(file, arguments, environment, timeout, dotnetRoot);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Runs the script at <paramref name="path"/>, as <c>pwsh -File</c> does.</summary>
    public static PwshRun RunFile(
        string path, IEnumerable<string>? arguments = null, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null, string? dotnetRoot = null)
    {
        var start = StartInfo(Path.Combine(Home, "pwsh.dll"));
        if (dotnetRoot is not null)
        {
            start.FileName = Path.Combine(dotnetRoot, "dotnet");
            start.Environment["DOTNET_ROOT"] = dotnetRoot;
        }
        foreach (var argument in new[] { "-NoProfile", "-NonInteractive", "-File", path }.Concat(arguments ?? []))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Run(start, timeout ?? DefaultTimeout);
    }

    private static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = ModulePaths.RepoRoot,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var name in VariablesNotInherited)
        {
            start.Environment.Remove(name);
        }
        // What pwsh prints ends up in test reports, which show colour codes as noise.
        start.Environment["NO_COLOR"] = "1";

        return start;
    }

    private static PwshRun Run(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"pwsh ran longer than {timeout} and was stopped:{Environment.NewLine}{output.Result}{Environment.NewLine}{error.Result}");
        }

        return new PwshRun(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    // Asks the tool itself where it lives, so nothing here repeats the version pinned in the manifest.
    private static string FindHome()
    {
        var start = StartInfo("tool", "run", "pwsh", "--", "-NoProfile", "-NonInteractive", "-Command", "$PSHOME");
        var run = Run(start, TimeSpan.FromMinutes(1));
        var pwshHome = run.Output.Trim();
        if (run.ExitCode != 0 || !File.Exists(Path.Combine(pwshHome, "pwsh.dll")))
        {
            throw new InvalidOperationException(
                $"The pwsh tool of .config/dotnet-tools.json did not start; `dotnet tool restore` in {ModulePaths.RepoRoot} installs it.{Environment.NewLine}{run}");
        }

        return pwshHome;
    }
}
