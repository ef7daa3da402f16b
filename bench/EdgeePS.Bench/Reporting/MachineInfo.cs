using System.Globalization;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace EdgeePS.Bench.Reporting;

/// <summary>What the figures were measured on. Ratios travel between machines far better than times; neither travels far.</summary>
public sealed record MachineInfo(string Cpu, int Cores, double MemoryGiB, string OperatingSystem, string Runtime, string PowerShell, DateTimeOffset Date, string LoadAverage)
{
    /// <summary>The pinned pwsh's version, when pwsh contenders ran.</summary>
    public string? Pwsh { get; init; }

    public static MachineInfo Capture() => new(
        Cpu: ReadCpuModel(),
        Cores: Environment.ProcessorCount,
        MemoryGiB: GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024),
        OperatingSystem: ReadOsName(),
        Runtime: RuntimeInformation.FrameworkDescription,
        PowerShell: typeof(PSObject).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split(' ', '+')[0] ?? "?",
        Date: DateTimeOffset.UtcNow,
        LoadAverage: ReadLoadAverage());

    /// <summary>The 1-minute load average now: other work on the machine is the usual cause of unstable figures.</summary>
    public static string ReadLoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    public string Describe()
    {
        var pwsh = Pwsh is null ? string.Empty : $"pwsh {Pwsh} (the PowerShell dotnet tool pinned in .config/dotnet-tools.json); ";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Cpu}, {Cores} cores, {MemoryGiB:0} GiB; {OperatingSystem}; {Runtime}; {pwsh}hosted: PowerShell {PowerShell} (Microsoft.PowerShell.SDK) in-process; {Date:yyyy-MM-dd HH:mm} UTC");
    }

    private static string ReadCpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        var model = File.Exists(cpuInfo)
            ? File.ReadLines(cpuInfo).FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return model ?? RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string ReadOsName()
    {
        const string osRelease = "/etc/os-release";
        var pretty = File.Exists(osRelease)
            ? File.ReadLines(osRelease).FirstOrDefault(line => line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"')
            : null;
        var kernel = Environment.OSVersion.Version.ToString();
        return pretty is null ? RuntimeInformation.OSDescription : $"{pretty} (kernel {kernel})";
    }
}
