// The benchmark (issues 4 and 13). Without a verb it orchestrates: starts the local SSE server, runs every contender in
// a child process of its own over several rounds, and prints a Markdown report. The verbs are how it runs those
// children; children in pwsh run Pwsh/*.ps1 instead, which call into this assembly (PwshChild).
using System.Globalization;
using EdgeePS.Bench;
using EdgeePS.Bench.Contenders;
using EdgeePS.Bench.Orchestration;
using EdgeePS.Bench.Shared;

StagedModuleResolver.Install();
// The report and the child processes' JSON must read the same on every machine.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

try
{
    switch (args)
    {
        case ["contender", var name, var engine, var workload, var server, var chunks]:
            var hosted = EngineNames.Parse(engine) switch
            {
                Engine.Hosted => true,
                Engine.Dotnet => false,
                _ => throw new ArgumentException("A pwsh child runs Pwsh/Contender.ps1, not this assembly."),
            };
            return ContenderProcess.Run(
                name, EngineNames.Parse(engine), WorkloadNames.Parse(workload), new Uri(server), int.Parse(chunks, NumberStyles.None, CultureInfo.InvariantCulture),
                hosted ? cmdlets => new HostedPowerShell(cmdlets) : null);
        case ["import", var name]:
            return ImportProcess.Run(name);
        case ["--help" or "-h" or "-?"]:
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        default:
            var options = BenchOptions.Parse(args);
            var report = await new BenchRunner(options).RunAsync();
            Console.Out.Write(report);
            if (options.OutputPath is { } output)
            {
                await File.WriteAllTextAsync(output, report);
                Console.Error.WriteLine($"Report written to {output}.");
            }
            return 0;
    }
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
catch (InvalidOperationException error) when (args is not ["contender" or "import", ..])
{
    // The orchestrator cannot start (e.g. a Debug build is staged); a child's failure keeps its stack trace for the report.
    Console.Error.WriteLine(error.Message);
    return 1;
}
