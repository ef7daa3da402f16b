namespace EdgeePS.Tests.Pester;

/// <summary>
/// Commands the repository's scripts may call that this test engine cannot resolve: the hosted PowerShell SDK ships
/// only Microsoft.PowerShell.Core, and Pester cannot be installed here. Each list is written out by hand, so a
/// misspelt or invented name still fails the check.
/// </summary>
internal static class KnownCommands
{
    /// <summary>Pester 5's exported functions and aliases (Pester.psd1, FunctionsToExport and AliasesToExport).</summary>
    public static readonly IReadOnlySet<string> Pester5 = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Invoke-Pester", "Describe", "Context", "It", "Mock", "InModuleScope",
        "BeforeDiscovery", "BeforeAll", "BeforeEach", "AfterEach", "AfterAll",
        "Should", "Add-ShouldOperator", "Get-ShouldOperator",
        "Export-NUnitReport", "ConvertTo-NUnitReport", "Export-JUnitReport", "ConvertTo-JUnitReport", "ConvertTo-Pester4Result",
        "New-PesterContainer", "New-PesterConfiguration",
        "Assert-VerifiableMock", "Assert-MockCalled", "Set-ItResult", "New-MockObject", "New-Fixture",
        "Add-AssertionOperator", "Get-AssertionOperator",
    };

    /// <summary>
    /// Cmdlets every pwsh 7 has (modules Microsoft.PowerShell.Utility and Microsoft.PowerShell.Management) that the
    /// scripts use; exactly those, so the list shows what a script depends on beyond EdgeePS and Pester.
    /// </summary>
    public static readonly IReadOnlySet<string> StandardCmdletsMissingHere = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        // Microsoft.PowerShell.Utility
        "ConvertFrom-Json", "Format-List", "Out-String", "Select-Object", "Sort-Object", "Write-Warning",
        // Microsoft.PowerShell.Management
        "Get-ChildItem", "Get-Content", "Remove-Item", "Set-Content",
        // Microsoft.PowerShell.Security
        "Get-Credential",
    };

    /// <summary>Commands of other well-known modules the documentation shows EdgeePS working with.</summary>
    public static readonly IReadOnlySet<string> OtherModules = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        // Microsoft.PowerShell.SecretManagement: where -ApiKey comes from in a runbook.
        "Get-Secret",
        // Microsoft.PowerShell.PSResourceGet: publishing the packaged module.
        "Publish-PSResource",
    };

    /// <summary>Programs build.ps1 runs, and those the ops examples' tools call (not every machine has systemd).</summary>
    public static readonly IReadOnlySet<string> ExternalTools = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "dotnet", "systemctl", "journalctl", "df" };
}
