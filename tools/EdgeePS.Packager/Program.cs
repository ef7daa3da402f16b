// Packages the staged module into out/EdgeePS/<version>/ and proves the package imports on PowerShell 7.
// Usage: dotnet run --project tools/EdgeePS.Packager -c Release [-- --output <dir>] [--report <file.json>]
using System.Text.Json;
using EdgeePS.Packager;

var repositoryRoot = FindRepositoryRoot();
var output = Path.Combine(repositoryRoot, "out");
string? reportPath = null;
for (var index = 0; index < args.Length; index++)
{
    switch (args[index])
    {
        case "--output" when index + 1 < args.Length:
            output = Path.GetFullPath(args[++index]);
            break;
        case "--report" when index + 1 < args.Length:
            reportPath = Path.GetFullPath(args[++index]);
            break;
        default:
            Console.Error.WriteLine($"EdgeePS.Packager: unexpected argument '{args[index]}'. Usage: [--output <dir>] [--report <file.json>]");
            return 2;
    }
}

try
{
    var package = ModulePackage.Create(repositoryRoot, output);
    Console.WriteLine($"Packaged EdgeePS {package.Version} in {package.Directory}");
    var report = PackageVerifier.Verify(package);
    if (reportPath is not null)
    {
        File.WriteAllText(reportPath, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
    }

    Console.WriteLine($"Imported on PowerShell {report.PowerShellVersion}: {report.Cmdlets.Count} cmdlets from {report.EdgeePSAssembly}");
    foreach (var problem in report.Problems)
    {
        Console.Error.WriteLine($"EdgeePS.Packager: error: {problem}");
    }

    return report.Problems.Count == 0 ? 0 : 1;
}
catch (PackagingException problem)
{
    Console.Error.WriteLine($"EdgeePS.Packager: error: {problem.Message}");
    return 1;
}

static string FindRepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "EdgeePS.sln")))
        {
            return directory.FullName;
        }
    }

    throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} contains EdgeePS.sln.");
}
