namespace EdgeePS.Tests.Infrastructure;

/// <summary>The dotnet that runs these tests, for the processes they start (tools, pwsh).</summary>
internal static class DotnetHost
{
    // The SDK exports it to the processes it starts, and testhost is one.
    public static string Path
    {
        get
        {
            if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
            {
                return host;
            }

            var self = Environment.ProcessPath;
            return self is not null && System.IO.Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? self : "dotnet";
        }
    }
}
