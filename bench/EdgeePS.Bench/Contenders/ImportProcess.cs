using System.Diagnostics;
using System.Text.Json;
using EdgeePS.Bench.Shared;

namespace EdgeePS.Bench.Contenders;

/// <summary>
/// The child side of the hosted import workload: a fresh process and a fresh runspace, one command run first so the
/// engine's own first-command costs are not counted, then one timed Import-Module. Pwsh/Import.ps1 does the same in pwsh.
/// </summary>
public static class ImportProcess
{
    public static int Run(string name)
    {
        var entry = ContenderCatalog.FindImport(name);
        using var engine = new HostedPowerShell([]);
        engine.Run("$null = Get-Module");
        engine.SetVariable("modulePath", entry.ModulePath(RepoPaths.ModuleRoot));

        var start = Stopwatch.GetTimestamp();
        engine.Run("Import-Module -Name $modulePath -ErrorAction Stop");
        var elapsed = Stopwatch.GetElapsedTime(start);
        if (AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(assembly => assembly.GetName().Name == "EdgeePS") is { } edgee)
        {
            ReleaseBuildCheck.RequireOptimized(edgee);
        }

        var result = new ChildResult
        {
            Contender = name,
            Workload = WorkloadNames.ToArgument(Workload.Import),
            ElapsedMs = elapsed.TotalMilliseconds,
        };
        Console.Out.WriteLine(JsonSerializer.Serialize(result, ChildResultJsonContext.Default.ChildResult));
        return 0;
    }
}
