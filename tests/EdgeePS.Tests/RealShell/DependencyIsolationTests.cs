using System.Text.Json;
using EdgeePS.Simulation;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.RealShell;

/// <summary>
/// EdgeePS's own System.Net.ServerSentEvents and another module's copy of it, at another version, in one pwsh
/// session, in either order: both work, and each lives where it should. EdgeePS.dll itself stays in the default
/// load context; its copy of the dependency goes to the "EdgeePS" context, unless a same or higher version is
/// already in the default one, which then serves EdgeePS as well.
/// </summary>
public sealed class DependencyIsolationTests : IClassFixture<RuntimeWithoutServerSentEvents>, IAsyncLifetime
{
    private const string Reply = DefaultGateway.EchoPrefix + "isolated";
    private const string ModuleContext = "EdgeePS";
    private const string SharedContext = "Default";

    // Another module loading its copy by path and reading an event with it; EdgeePS streaming a completion. Each runs
    // twice, around the other, so each is shown to work after the other loaded.
    private const string Script = """
        param([string] $Manifest, [string] $BaseUrl, [string] $OtherCopy, [string] $First)
        $ErrorActionPreference = 'Stop'

        function Read-WithOtherCopy {
            $parser = [System.Reflection.Assembly]::LoadFrom($OtherCopy).GetType('System.Net.ServerSentEvents.SseParser', $true)
            $stream = [System.IO.MemoryStream]::new([System.Text.Encoding]::UTF8.GetBytes("data: read by the other module`n`n"))
            foreach ($item in $parser::Create($stream).Enumerate()) { "$($parser.Assembly.GetName().Version) $($item.Data)" }
        }

        function Read-WithEdgeePS {
            Import-Module -Name $Manifest
            -join (Invoke-EdgeeStream gpt-5.2 'isolated' -ApiKey 'sk-isolation' -BaseUrl $BaseUrl | ForEach-Object Text)
        }

        $edgee = [System.Collections.Generic.List[string]]::new()
        $other = [System.Collections.Generic.List[string]]::new()
        $steps = if ($First -eq 'Other') { 'Other', 'EdgeePS', 'Other' } else { 'EdgeePS', 'Other', 'EdgeePS' }
        foreach ($step in $steps) {
            if ($step -eq 'Other') { $other.Add((Read-WithOtherCopy)) } else { $edgee.Add((Read-WithEdgeePS)) }
        }

        [pscustomobject]@{
            EdgeePS  = $edgee
            Other    = $other
            EdgeePSAssembly = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext([EdgeePS.StreamChunk].Assembly).Name
            Copies   = @([System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'System.Net.ServerSentEvents' } | ForEach-Object {
                [pscustomobject]@{ Version = "$($_.GetName().Version)"; Path = $_.Location; Context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }
            })
        } | ConvertTo-Json -Depth 4 -Compress
        """;

    private static readonly string ModuleCopy = Path.Combine(ModulePaths.CoreModuleDirectory, "dependencies", "System.Net.ServerSentEvents.dll");

    private readonly RuntimeWithoutServerSentEvents _runtime;
    private GatewaySimulator _gateway = null!;

    public DependencyIsolationTests(RuntimeWithoutServerSentEvents runtime) => _runtime = runtime;

    public async Task InitializeAsync() => _gateway = await GatewaySimulator.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Theory]
    [InlineData("Other")]
    [InlineData("EdgeePS")]
    public void AnOlderCopyAndEdgeePSsOwnLiveSideBySide(string first)
    {
        var session = Run(DownloadedPackages.ServerSentEvents9, first, _runtime.Root);

        var (edgeeRuns, otherRuns) = first == "Other" ? (1, 2) : (2, 1);
        Assert.Equal(Enumerable.Repeat(Reply, edgeeRuns), session.EdgeePS);
        Assert.Equal(Enumerable.Repeat("9.0.0.23 read by the other module", otherRuns), session.Other);
        Assert.Equal(SharedContext, session.EdgeePSAssembly);
        Assert.Equal(
            new[] { ("10.0.0.0", ModuleCopy, ModuleContext), ("9.0.0.23", DownloadedPackages.ServerSentEvents9, SharedContext) },
            session.Copies.OrderByDescending(copy => copy.Context, StringComparer.Ordinal));
    }

    [Fact]
    public void ANewerCopyLoadedFirstServesEdgeePSToo()
    {
        var session = Run(DownloadedPackages.ServerSentEvents11, "Other", _runtime.Root);

        Assert.Equal([Reply], session.EdgeePS);
        Assert.Equal(["11.0.0.0 read by the other module", "11.0.0.0 read by the other module"], session.Other);
        Assert.Equal(new[] { ("11.0.0.0", DownloadedPackages.ServerSentEvents11, SharedContext) }, session.Copies);
    }

    [Fact]
    public void ANewerCopyLoadedAfterEdgeePSLivesBesideItsOwn()
    {
        var session = Run(DownloadedPackages.ServerSentEvents11, "EdgeePS", _runtime.Root);

        Assert.Equal([Reply, Reply], session.EdgeePS);
        Assert.Equal(["11.0.0.0 read by the other module"], session.Other);
        Assert.Equal(
            new[] { ("10.0.0.0", ModuleCopy, ModuleContext), ("11.0.0.0", DownloadedPackages.ServerSentEvents11, SharedContext) },
            session.Copies.OrderByDescending(copy => copy.Context, StringComparer.Ordinal));
    }

    [Fact]
    public void OnARuntimeWithItsOwnCopyEdgeePSUsesThatOneAndLoadsNothingOfItsOwn()
    {
        // pwsh 7.6 on .NET 10, as installed: the runtime's System.Net.ServerSentEvents 10.0 answers every request for it.
        var session = Run(DownloadedPackages.ServerSentEvents9, "EdgeePS", dotnetRoot: null);

        Assert.Equal([Reply, Reply], session.EdgeePS);
        var copy = Assert.Single(session.Copies);
        Assert.Equal(("10.0.0.0", SharedContext), (copy.Version, copy.Context));
        Assert.StartsWith(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), copy.Path);
        // A module loading an older copy by path gets the runtime's: .NET 9 and later keep it in their box.
        Assert.Equal(["10.0.0.0 read by the other module"], session.Other);
    }

    private Session Run(string otherCopy, string first, string? dotnetRoot)
    {
        var run = Pwsh.RunScript(
            Script,
            ["-Manifest", ModulePaths.ManifestPath, "-BaseUrl", _gateway.BaseUrl.ToString(), "-OtherCopy", otherCopy, "-First", first],
            dotnetRoot: dotnetRoot).EnsureSuccess();
        var facts = JsonDocument.Parse(run.Output.Trim().Split('\n')[^1]).RootElement;
        return new Session(
            Strings(facts.GetProperty("EdgeePS")),
            Strings(facts.GetProperty("Other")),
            facts.GetProperty("EdgeePSAssembly").GetString()!,
            facts.GetProperty("Copies").EnumerateArray()
                .Select(copy => (copy.GetProperty("Version").GetString()!, copy.GetProperty("Path").GetString()!, copy.GetProperty("Context").GetString()!))
                .ToList());
    }

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(item => item.GetString()!).ToList();

    private sealed record Session(List<string> EdgeePS, List<string> Other, string EdgeePSAssembly, List<(string Version, string Path, string Context)> Copies);
}
