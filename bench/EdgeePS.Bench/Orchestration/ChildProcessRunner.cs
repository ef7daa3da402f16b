using System.Diagnostics;
using System.Text.Json;
using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Orchestration;

/// <summary>
/// Starts this same benchmark assembly again as a child (<c>dotnet EdgeePS.Bench.dll contender ...</c>), so every
/// contender gets a process of its own: its own JIT, GC heap and working set, nothing left over from the last one.
/// </summary>
public sealed class ChildProcessRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private readonly string dotnet = FindDotnet();
    private readonly string benchAssembly = typeof(ChildProcessRunner).Assembly.Location;

    /// <summary>The child's result, or the reason it has none.</summary>
    public async Task<(ChildResult? Result, string? Failure)> RunAsync(IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(benchAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dotnet}.");
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
            var reason = (await errors).Trim();
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
