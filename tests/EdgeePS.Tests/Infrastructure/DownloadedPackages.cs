using System.Reflection;

namespace EdgeePS.Tests.Infrastructure;

/// <summary>
/// Files of the packages the test project downloads but does not reference (its PackageDownload items), where
/// NuGet put them: the build records each path in the test assembly, so no test guesses the NuGet cache.
/// </summary>
public static class DownloadedPackages
{
    /// <summary>Pester 5.7.1's manifest, for the suites run in pwsh.</summary>
    public static string PesterManifest => Path("PesterManifest");

    /// <summary>System.Net.ServerSentEvents 9.0 (assembly version 9.0.0.23), its net8.0 build: an older copy than EdgeePS's.</summary>
    public static string ServerSentEvents9 => Path("ServerSentEvents9");

    /// <summary>System.Net.ServerSentEvents 11.0 (assembly version 11.0.0.0): a newer copy than EdgeePS's.</summary>
    public static string ServerSentEvents11 => Path("ServerSentEvents11");

    private static string Path(string key)
    {
        var path = typeof(DownloadedPackages).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value!;
        return File.Exists(path) ? path : throw new FileNotFoundException($"{key} is not where the build recorded it; restore the test project.", path);
    }
}
