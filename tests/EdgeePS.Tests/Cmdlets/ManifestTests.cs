using System.Management.Automation;
using System.Management.Automation.Language;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Cmdlets;

public sealed class ManifestTests : IClassFixture<SessionFixture>
{
    private readonly PowerShellSession _session;

    public ManifestTests(SessionFixture fixture) => _session = fixture.Session;

    [Fact]
    public void ManifestPassesTestModuleManifestAndExportsExactlyTheCmdlets()
    {
        var result = _session.Run(
            "$m = Test-ModuleManifest -Path $path; @($m.ExportedCmdlets.Keys) -join ','; $m.ExportedFunctions.Count; $m.ExportedAliases.Count",
            new Dictionary<string, object?> { ["path"] = ModulePaths.ManifestPath });

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "Invoke-EdgeeStream,Send-EdgeeCompletion,Show-EdgeeStream,Get-EdgeeModel,Connect-Edgee,Disconnect-Edgee,Get-EdgeeConfiguration,Join-EdgeeStream,Start-EdgeeSimulator,Add-EdgeeSimulatorResponse,Get-EdgeeSimulatorRequest,Stop-EdgeeSimulator,New-EdgeeTool,New-EdgeeChat,Enter-EdgeeChat", "0", "0" }, result.Output.Select(item => item.ToString()));
    }

    [Fact]
    public void ImportedModuleExposesTheCmdletsWithApprovedVerbs()
    {
        var result = _session.Run("Get-Command -Module EdgeePS | ForEach-Object { $_.Name + ':' + $_.CommandType }");

        var expected = new[]
        {
            "Add-EdgeeSimulatorResponse", "Connect-Edgee", "Disconnect-Edgee", "Enter-EdgeeChat", "Get-EdgeeConfiguration", "Get-EdgeeModel", "Get-EdgeeSimulatorRequest",
            "Invoke-EdgeeStream", "Join-EdgeeStream", "New-EdgeeChat", "New-EdgeeTool", "Send-EdgeeCompletion", "Show-EdgeeStream", "Start-EdgeeSimulator", "Stop-EdgeeSimulator",
        };
        Assert.Equal(expected.Select(name => name + ":Cmdlet"), result.Output.Select(item => item.ToString()).OrderBy(name => name, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("build.ps1")]
    [InlineData("module/EdgeePS.psm1")]
    public void ScriptsParseWithoutErrors(string relativePath)
    {
        Parser.ParseFile(Path.Combine(ModulePaths.RepoRoot, relativePath), out _, out var errors);

        Assert.Empty(errors);
    }
}
