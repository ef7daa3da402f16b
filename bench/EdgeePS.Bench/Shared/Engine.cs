namespace EdgeePS.Bench.Shared;

/// <summary>Where a contender runs. The targets refer to pwsh, where users run the module.</summary>
public enum Engine
{
    /// <summary>A plain .NET process: the contenders without PowerShell.</summary>
    Dotnet,

    /// <summary>The PowerShell engine (Microsoft.PowerShell.SDK) hosted in the benchmark's own child process, as the tests and the demo host it.</summary>
    Hosted,

    /// <summary>The pinned pwsh (the PowerShell dotnet tool of .config/dotnet-tools.json), the contender running in pwsh's own runspace.</summary>
    Pwsh,
}
