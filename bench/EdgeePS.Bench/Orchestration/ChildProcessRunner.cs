using System.Diagnostics;
using System.Text.Json;
using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Orchestration;

/// <summary>
/// Starts every contender in a process of its own (its own JIT, GC heap and working set, nothing left over from the
/// last one): this same benchmark assembly again (<c>dotnet EdgeePS.Bench.dll contender ...</c>), or the pinned pwsh
/// running one of the scripts in Pwsh/. Children start with an environment cleaned of what would change their
/// behaviour and a user's shell would not carry (as the tests' Infrastructure/Pwsh.cs does).
/// </summary>
public sealed class ChildProcessRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private static readonly string[] VariablesNotInherited =
    [
        // A hosted engine's module folder, when the benchmark itself was started from PowerShell; pwsh computes its own.
        "PSModulePath",
        "EDGEE_API_KEY", "EDGEE_BASE_URL",
        "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "all_proxy", "no_proxy",
    ];

    private readonly string dotnet = FindDotnet();
    private readonly string benchAssembly = typeof(ChildProcessRunner).Assembly.Location;
    private readonly Lazy<(string Home, string Version)> pwsh;

    public ChildProcessRunner()
    {
        pwsh = new Lazy<(string, string)>(() => PwshLocator.Find(dotnet));
    }

    /// <summary>$PSHOME of the pinned pwsh, found (and the tool restored) the first time a pwsh child is asked for.</summary>
    public string PwshHome => pwsh.Value.Home;

    public string PwshVersion => pwsh.Value.Version;

    /// <summary>A child of this assembly: <c>dotnet EdgeePS.Bench.dll {arguments}</c>.</summary>
    /// <param name="moduleRoot">The module the child loads; the one under test (inherited) when null.</param>
    public Task<(ChildResult? Result, string? Failure)> RunBenchAsync(IReadOnlyList<string> arguments, string? moduleRoot = null) =>
        RunAsync([benchAssembly, .. arguments], pwsh: false, moduleRoot);

    /// <summary>A pwsh child: <c>pwsh -NoProfile -NonInteractive -File Pwsh/{script} {arguments}</c>.</summary>
    public Task<(ChildResult? Result, string? Failure)> RunPwshAsync(string script, IReadOnlyList<string> arguments, string? moduleRoot = null) =>
        RunAsync([Path.Combine(PwshHome, "pwsh.dll"), "-NoProfile", "-NonInteractive", "-File", RepoPaths.PwshScript(script), .. arguments], pwsh: true, moduleRoot);

    private async Task<(ChildResult? Result, string? Failure)> RunAsync(IReadOnlyList<string> arguments, bool pwsh, string? moduleRoot)
    {
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var name in VariablesNotInherited)
        {
            start.Environment.Remove(name);
        }
        if (moduleRoot is not null)
        {
            start.Environment[RepoPaths.ModuleRootVariable] = moduleRoot;
        }
        if (pwsh)
        {
            // Error records in the failures section, not colour codes.
            start.Environment["NO_COLOR"] = "1";
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dotnet}.");
        child.StandardInput.Close();
        var output = child.StandardOutput.ReadToEndAsync();
        var errors = child.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(Timeout))
        {
            try
            {
                await child.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync();
                return (null, $"no result within {Timeout.TotalMinutes} minutes");
            }
        }

        var lastLine = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(line => line.StartsWith('{'));
        if (child.ExitCode != 0 || lastLine is null)
        {
            var reason = ((await errors).Trim() + Environment.NewLine + (await output).Trim()).Trim();
            return (null, $"exit code {child.ExitCode}: {(reason.Length > 2000 ? reason[..2000] + "…" : reason)}");
        }
        return (JsonSerializer.Deserialize(lastLine, ChildResultJsonContext.Default.ChildResult), null);
    }

    /// <summary>The dotnet muxer that runs this process, so children run on the very same runtime.</summary>
    private static string FindDotnet()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }
        var beside = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"));
        return File.Exists(beside) ? beside : "dotnet";
    }
}
