// Converts help/<culture>/*.md (platyPS markdown) into Get-Help's MAML and about_*.help.txt files.
// Usage: EdgeePS.HelpBuilder --source <help/en-US> --output <dir> [--output <dir> ...]
using EdgeePS.HelpBuilder;

string? source = null;
var outputs = new List<string>();
for (var index = 0; index < args.Length; index++)
{
    switch (args[index])
    {
        case "--source" when index + 1 < args.Length:
            source = args[++index];
            break;
        case "--output" when index + 1 < args.Length:
            outputs.Add(args[++index]);
            break;
        default:
            return Usage($"Unexpected argument '{args[index]}'.");
    }
}

if (source is null || outputs.Count == 0)
{
    return Usage("Give --source and at least one --output.");
}

try
{
    var files = HelpBuild.Convert(source);
    foreach (var output in outputs)
    {
        foreach (var written in HelpBuild.Publish(files, output))
        {
            Console.WriteLine($"EdgeePS help: {written}");
        }
    }

    return 0;
}
catch (HelpFormatException problem)
{
    // Already in compiler form (path(line): error ...), which MSBuild reports as a build error.
    Console.Error.WriteLine(problem.Message);
    return 1;
}

static int Usage(string problem)
{
    Console.Error.WriteLine($"EdgeePS.HelpBuilder: error EPSHELP: {problem} Usage: --source <help/en-US> --output <dir> [--output <dir> ...]");
    return 2;
}
