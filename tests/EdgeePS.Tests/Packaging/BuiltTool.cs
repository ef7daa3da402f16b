using System.Diagnostics;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Packaging;

/// <summary>
/// Runs one of the repository's tools (tools/&lt;Name&gt;) as its own process, from the build this test run
/// belongs to. A separate process matters for the packager: it imports the package in a process that has loaded
/// no EdgeePS, which this test process cannot offer once any cmdlet test has run.
/// </summary>
internal static class BuiltTool
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>Debug or Release: the test assembly sits in bin/&lt;Configuration&gt;/&lt;framework&gt;/, and so do the tools.</summary>
    public static string Configuration =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string AssemblyPath(string toolName) =>
        Path.Combine(ModulePaths.RepoRoot, "tools", toolName, "bin", Configuration, "net10.0", toolName + ".dll");

    public static ToolRun Run(string toolName, params string[] arguments)
    {
        var assembly = AssemblyPath(toolName);
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"{toolName} is not built for {Configuration}; the test project references it, so build the solution.", assembly);
        }

        var start = new ProcessStartInfo(DotnetHost.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Patience))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{toolName} ran longer than {Patience}.");
        }

        return new ToolRun(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }
}
