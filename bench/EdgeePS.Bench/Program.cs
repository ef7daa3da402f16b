// The benchmark of issue 4. Without a verb it orchestrates: starts the local SSE server, runs every contender in a
// child process of its own over several rounds, and prints a Markdown report. The verbs are how it runs those children.
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
        case ["contender", var name, var workload, var server, var chunks]:
            return ContenderProcess.Run(name, WorkloadNames.Parse(workload), new Uri(server), int.Parse(chunks, NumberStyles.None, CultureInfo.InvariantCulture));
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
