using System.Text.Json;
using EdgeePS.Simulation;
using EdgeePS.Tests.Infrastructure;
using EdgeePS.Tests.Packaging;

namespace EdgeePS.Tests.RealShell;

/// <summary>
/// EdgeePS as users get it: the packaged module published to a repository with PSResourceGet, installed from there
/// into a fresh pwsh whose home (and so its user module folder and repository settings) is a temporary folder,
/// imported by name, streaming a completion and showing its help.
/// </summary>
public sealed class InstalledModuleTests : IClassFixture<PackageFixture>, IAsyncLifetime, IDisposable
{
    private const string Script = """
        param([string] $Package, [string] $Repository, [string] $BaseUrl)
        $ErrorActionPreference = 'Stop'
        $foundBefore = @(Get-Module -ListAvailable -Name EdgeePS).Count

        Register-PSResourceRepository -Name EdgeePSLocal -Uri $Repository -Trusted
        Publish-PSResource -Path $Package -Repository EdgeePSLocal
        Install-PSResource -Name EdgeePS -Repository EdgeePSLocal -Scope CurrentUser

        Import-Module -Name EdgeePS
        $module = Get-Module -Name EdgeePS
        [pscustomobject]@{
            FoundBefore   = $foundBefore
            Published     = @(Get-ChildItem -LiteralPath $Repository -Name)
            ModuleBase    = $module.ModuleBase
            Version       = "$($module.Version)"
            UserModules   = ($env:PSModulePath -split [System.IO.Path]::PathSeparator)[0]
            CmdletsFrom   = (Get-Command -Name Invoke-EdgeeStream).ImplementingType.Assembly.Location
            Text          = -join (Invoke-EdgeeStream gpt-5.2 'installed' -ApiKey 'sk-installed' -BaseUrl $BaseUrl | ForEach-Object Text)
            Examples      = Get-Help -Name Invoke-EdgeeStream -Examples | Out-String -Width 200
        } | ConvertTo-Json -Compress
        """;

    private readonly PackageFixture _package;
    private readonly string _sandbox = Directory.CreateTempSubdirectory("edgeeps-install-").FullName;
    private GatewaySimulator _gateway = null!;

    public InstalledModuleTests(PackageFixture package) => _package = package;

    public async Task InitializeAsync() => _gateway = await GatewaySimulator.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    public void Dispose() => Directory.Delete(_sandbox, recursive: true);

    [Fact]
    public void PublishedInstalledAndImportedByNameItStreamsAndHasItsHelp()
    {
        var home = Directory.CreateDirectory(Path.Combine(_sandbox, "home")).FullName;
        var repository = Directory.CreateDirectory(Path.Combine(_sandbox, "repository")).FullName;
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share"),
            ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config"),
            ["XDG_CACHE_HOME"] = Path.Combine(home, ".cache"),
        };
        // .NET names a user folder only once it exists; PSResourceGet would otherwise keep its settings in the working folder.
        foreach (var folder in environment.Values.Where(folder => folder != home))
        {
            Directory.CreateDirectory(folder);
        }

        var run = Pwsh.RunScript(Script, ["-Package", _package.PackageDirectory, "-Repository", repository, "-BaseUrl", _gateway.BaseUrl.ToString()], environment);

        var facts = JsonDocument.Parse(run.EnsureSuccess().Output.Trim().Split('\n')[^1]).RootElement;
        var version = Path.GetFileName(_package.PackageDirectory);
        var installed = Path.Combine(home, ".local", "share", "powershell", "Modules", "EdgeePS", version);
        Assert.Equal(0, facts.GetProperty("FoundBefore").GetInt32());
        Assert.Equal([$"EdgeePS.{version}.nupkg"], facts.GetProperty("Published").EnumerateArray().Select(name => name.GetString()));
        Assert.Equal(Path.Combine(home, ".local", "share", "powershell", "Modules"), facts.GetProperty("UserModules").GetString());
        Assert.Equal(installed, facts.GetProperty("ModuleBase").GetString());
        Assert.Equal(version, facts.GetProperty("Version").GetString());
        Assert.Equal(Path.Combine(installed, "core", "EdgeePS.dll"), facts.GetProperty("CmdletsFrom").GetString());
        Assert.Equal(DefaultGateway.EchoPrefix + "installed", facts.GetProperty("Text").GetString());
        Assert.Equal("Bearer sk-installed", Assert.Single(_gateway.Requests).Headers["authorization"]);
        Assert.True(File.Exists(Path.Combine(home, ".local", "share", "PSResourceGet", "PSResourceRepository.xml")), "The repository was registered outside the temporary home.");

        var examples = facts.GetProperty("Examples").GetString()!;
        Assert.Contains("Example 1: Watch an answer stream in at the prompt", examples);
        Assert.Contains("Invoke-EdgeeStream gpt-5.2 \"Write a haiku about on-call\" | Show-EdgeeStream", examples);
        Assert.Contains("Example 2: Collect the whole answer", examples);
    }
}
