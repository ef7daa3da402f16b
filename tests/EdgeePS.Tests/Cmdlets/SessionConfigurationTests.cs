using EdgeePS.Simulation;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Cmdlets;

/// <summary>Connect-Edgee and the precedence parameter > session > environment > default. Owns the process environment.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class SessionConfigurationTests : CmdletTestBase, IDisposable
{
    private readonly string? _savedKey = Environment.GetEnvironmentVariable("EDGEE_API_KEY");
    private readonly string? _savedBase = Environment.GetEnvironmentVariable("EDGEE_BASE_URL");

    public SessionConfigurationTests(SessionFixture fixture) : base(fixture)
    {
        Environment.SetEnvironmentVariable("EDGEE_API_KEY", null);
        Environment.SetEnvironmentVariable("EDGEE_BASE_URL", null);
    }

    protected override bool ConnectByDefault => false;

    public void Dispose()
    {
        Run("Disconnect-Edgee");
        Environment.SetEnvironmentVariable("EDGEE_API_KEY", _savedKey);
        Environment.SetEnvironmentVariable("EDGEE_BASE_URL", _savedBase);
    }

    [Fact]
    public void ConnectOnceThenEveryCommandUsesIt()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("streamed")));
        Gateway.Enqueue(ScriptedResponse.Json(200, ScriptedResponse.CompletionJson("sent")));

        var result = Run("""
            Connect-Edgee -ApiKey $EdgeeTestKey -BaseUrl $EdgeeTestBase -Tag ops, nightly
            Invoke-EdgeeStream gpt-5.2 'one' | ForEach-Object Text
            (Send-EdgeeCompletion gpt-5.2 @{ messages = @(@{ role = 'user'; content = 'two' }); tags = @('mine') }).Text
            """).EnsureSuccess();

        Assert.Equal(new[] { "streamed", "sent" }, result.Output.Select(item => item.ToString()));
        Assert.All(Gateway.Requests, request => Assert.Equal("Bearer " + ApiKey, request.Headers["Authorization"]));
        Assert.Equal(new[] { "ops", "nightly" }, Tags(Gateway.Requests[0]));
        Assert.Equal(new[] { "mine", "ops", "nightly" }, Tags(Gateway.Requests[1]));
    }

    [Fact]
    public void ParameterBeatsSessionBeatsEnvironment()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("a")));
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("b")));
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("c")));
        Environment.SetEnvironmentVariable("EDGEE_API_KEY", "environment-key");
        Environment.SetEnvironmentVariable("EDGEE_BASE_URL", Gateway.BaseUrl.ToString());

        Run("""
            Invoke-EdgeeStream gpt-5.2 'Hello' | ForEach-Object Text
            Connect-Edgee -ApiKey 'session-key'
            Invoke-EdgeeStream gpt-5.2 'Hello' | ForEach-Object Text
            Invoke-EdgeeStream gpt-5.2 'Hello' -ApiKey 'parameter-key' | ForEach-Object Text
            """).EnsureSuccess();

        Assert.Equal(
            new[] { "Bearer environment-key", "Bearer session-key", "Bearer parameter-key" },
            Gateway.Requests.Select(request => request.Headers["Authorization"]));
    }

    [Fact]
    public void GetEdgeeConfigurationTellsSourcesAndNeverTheKey()
    {
        var result = Run("""
            $secret = [System.Security.SecureString]::new(); foreach ($c in $EdgeeTestKey.ToCharArray()) { $secret.AppendChar($c) }
            (Get-EdgeeConfiguration).ApiKeySource
            Connect-Edgee -ApiKey $secret -BaseUrl $EdgeeTestBase -TimeoutSec 30 -MaximumRetryCount 5 -Tag ops
            $configuration = Get-EdgeeConfiguration
            $configuration.ApiKeySource, $configuration.BaseUrlSource, $configuration.TimeoutSec, $configuration.MaximumRetryCount, ($configuration.Tags -join ',')
            $configuration.PSObject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" }
            Disconnect-Edgee
            (Get-EdgeeConfiguration).BaseUrlSource
            """).EnsureSuccess();

        var lines = result.Output.Select(item => item.ToString()).ToList();
        Assert.Equal(new[] { "None", "Session", "Session", "30", "5", "ops" }, lines.Take(6));
        Assert.Equal("Default", lines[^1]);
        Assert.DoesNotContain(ApiKey, result.AllText());
    }

    [Fact]
    public void ConnectRefusesSettingsThatCannotWork()
    {
        var result = Run("""
            try { Connect-Edgee -BaseUrl $EdgeeTestBase } catch { $_.FullyQualifiedErrorId }
            try { Connect-Edgee -ApiKey k -BaseUrl 'http://gateway.example' } catch { $_.FullyQualifiedErrorId }
            (Get-EdgeeConfiguration).ApiKeySource
            """);

        Assert.Equal(
            new[] { "ApiKeyMissing,EdgeePS.Cmdlets.ConnectEdgeeCommand", "UnencryptedAuthenticationNotAllowed,EdgeePS.Cmdlets.ConnectEdgeeCommand", "None" },
            result.Output.Select(item => item.ToString()));
    }

    [Fact]
    public void ASecondConnectReplacesTheSessionWhole()
    {
        var result = Run("""
            Connect-Edgee -ApiKey 'first-key' -BaseUrl $EdgeeTestBase -Tag ops -MaximumRetryCount 4 -IdleTimeoutSec 30
            Connect-Edgee -ApiKey 'second-key'
            $configuration = Get-EdgeeConfiguration
            $configuration.ApiKeySource, $configuration.BaseUrlSource, $configuration.MaximumRetryCount, $configuration.IdleTimeoutSec, $configuration.Tags.Count
            """).EnsureSuccess();

        // Nothing of the first connection survives: the base URL, retries, idle timeout and tags are the defaults again.
        Assert.Equal(new[] { "Session", "Default", "1", "120", "0" }, result.Output.Select(item => item.ToString()));
    }

    [Fact]
    public void ASecondConnectIsCheckedOnItsOwnAndARefusedOneLeavesTheSessionAsItWas()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("still connected")));

        var result = Run("""
            Connect-Edgee -ApiKey $EdgeeTestKey -BaseUrl $EdgeeTestBase
            try { Connect-Edgee -Tag ops } catch { $_.FullyQualifiedErrorId }
            $configuration = Get-EdgeeConfiguration
            $configuration.ApiKeySource, $configuration.Tags.Count
            Invoke-EdgeeStream gpt-5.2 'Hello' | ForEach-Object Text
            """);

        // The old session had the key, but the new one would not: it is refused, not stored without a key.
        Assert.Equal(
            new[] { "ApiKeyMissing,EdgeePS.Cmdlets.ConnectEdgeeCommand", "Session", "0", "still connected" },
            result.Output.Select(item => item.ToString()));
        Assert.Equal("Bearer " + ApiKey, Assert.Single(Gateway.Requests).Headers["Authorization"]);
    }

    [Fact]
    public void ConnectChecksItsSettingsOverTheEnvironmentNotTheOldSession()
    {
        Environment.SetEnvironmentVariable("EDGEE_API_KEY", "environment-key");
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("a")));

        var result = Run("""
            Connect-Edgee -ApiKey 'session-key' -BaseUrl $EdgeeTestBase
            Connect-Edgee -BaseUrl $EdgeeTestBase -Tag ops -PassThru | ForEach-Object ApiKeySource
            Invoke-EdgeeStream gpt-5.2 'Hello' | ForEach-Object Text
            """).EnsureSuccess();

        Assert.Equal(new[] { "Environment", "a" }, result.Output.Select(item => item.ToString()));
        Assert.Equal("Bearer environment-key", Assert.Single(Gateway.Requests).Headers["Authorization"]);
    }

    [Fact]
    public void ConnectAcceptsTimeoutsBeyondWhatATimerHoldsAsNoLimit()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("unbounded")));

        var result = Run("""
            Connect-Edgee -ApiKey $EdgeeTestKey -BaseUrl $EdgeeTestBase -TimeoutSec ([int]::MaxValue) -IdleTimeoutSec ([int]::MaxValue)
            $configuration = Get-EdgeeConfiguration
            $null -eq $configuration.TimeoutSec
            $null -eq $configuration.IdleTimeoutSec
            Invoke-EdgeeStream gpt-5.2 'Hello' | ForEach-Object Text
            Connect-Edgee -ApiKey $EdgeeTestKey -BaseUrl $EdgeeTestBase -TimeoutSec 2147483 -IdleTimeoutSec 2147483
            (Get-EdgeeConfiguration).IdleTimeoutSec
            """).EnsureSuccess();

        Assert.Equal(new[] { "True", "True", "unbounded", "2147483" }, result.Output.Select(item => item.ToString()));
    }

    [Fact]
    public void EachRunspaceHasItsOwnSession()
    {
        var result = Run("""
            Connect-Edgee -ApiKey 'outer' -BaseUrl $EdgeeTestBase
            1..2 | ForEach-Object -Parallel {
                Import-Module $using:manifest
                (Get-EdgeeConfiguration).ApiKeySource
            }
            (Get-EdgeeConfiguration).ApiKeySource
            """.Replace("$using:manifest", $"'{ModulePaths.ManifestPath}'"));

        Assert.Equal(new[] { "None", "None", "Session" }, result.Output.Select(item => item.ToString()));
    }

    private static string?[] Tags(RecordedRequest request) =>
        request.Json!.Value.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()).ToArray();
}
