namespace EdgeePS.Packager;

/// <summary>What importing the package in a fresh PowerShell process showed, and what is wrong with it.</summary>
public sealed class VerificationReport
{
    public required string PowerShellVersion { get; init; }

    public required string ModuleVersion { get; init; }

    public required string ModuleBase { get; init; }

    /// <summary>Where the assembly implementing the cmdlets was loaded from: core/ on PowerShell 7.</summary>
    public required string EdgeePSAssembly { get; init; }

    public required IReadOnlyList<string> Cmdlets { get; init; }

    /// <summary>The manifest's CmdletsToExport.</summary>
    public required IReadOnlyList<string> DeclaredCmdlets { get; init; }

    public required IReadOnlyList<LoadedAssembly> AssembliesFromPackage { get; init; }

    public required string HelpSynopsis { get; init; }

    public required bool AboutTopicFound { get; init; }

    public List<string> Problems { get; } = [];
}
