using EdgeePS.Simulation;
using EdgeePS.Tests.Cmdlets;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Hardening;

/// <summary>
/// -Proxy and -ProxyCredential (issue 3), through the test suite's forward proxy on 127.0.0.1. The environment's
/// HTTPS_PROXY / NO_PROXY are covered by <see cref="EnvironmentProxyTests"/>, in a process of their own.
/// </summary>
public sealed class ProxyTests : HardeningTestBase, IAsyncLifetime
{
    private const string ProxyUser = "proxy-user";
    private const string ProxyPassword = "proxy-pass-Hn3vQ8";

    private ForwardProxy proxy = null!;

    public ProxyTests(SessionFixture fixture) : base(fixture)
    {
    }

    private string ProxyAddress => proxy.Address.ToString();

    private string ChatTarget => Gateway.BaseUrl.ToString().TrimEnd('/') + "/v1/chat/completions";

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        proxy = ForwardProxy.Start();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await proxy.DisposeAsync();
        await DisposeAsync();
    }

    [Fact]
    public void ProxyParameterRoutesTheStreamThroughTheProxy()
    {
        Gateway.Enqueue(Stream("via ", "the proxy"));

        var result = Run($"Invoke-EdgeeStream gpt-5.2 'Hello' -Proxy '{ProxyAddress}' | ForEach-Object Text");

        Assert.Equal("via the proxy", Text(result.EnsureSuccess()));
        var relayed = Assert.Single(proxy.Requests);
        Assert.Equal((ProxyOutcome.Relayed, "POST", ChatTarget), (relayed.Outcome, relayed.Method, relayed.Target));
        Assert.Equal("Bearer " + ApiKey, relayed.Headers["Authorization"]);
        Assert.Single(Gateway.Requests);
    }

    [Fact]
    public void ProxyCredentialAnswersTheProxysChallengeAndNeverReachesTheGateway()
    {
        proxy.RequireCredentials(ProxyUser, ProxyPassword);
        Gateway.Enqueue(Stream("authenticated"));

        var result = Run($"""
            {Credential()}
            Invoke-EdgeeStream gpt-5.2 'Hello' -Proxy '{ProxyAddress}' -ProxyCredential $credential -Verbose -Debug | ForEach-Object Text
            """);

        Assert.Equal("authenticated", Text(result.EnsureSuccess()));
        var relayed = proxy.Requests.Where(request => request.Outcome == ProxyOutcome.Relayed).ToList();
        Assert.Equal("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(ProxyUser + ":" + ProxyPassword)), Assert.Single(relayed).ProxyAuthorization);
        var atGateway = Assert.Single(Gateway.Requests);
        Assert.False(atGateway.Headers.ContainsKey("Proxy-Authorization"));
        Assert.DoesNotContain(ProxyPassword, result.AllText());
    }

    [Fact]
    public void AWrongProxyCredentialIsOneErrorThatDoesNotShowThePassword()
    {
        proxy.RequireCredentials(ProxyUser, "the-right-password");
        Gateway.Enqueue(Stream("never"));

        var result = Run($"""
            {Credential()}
            Invoke-EdgeeStream gpt-5.2 'Hello' -Proxy '{ProxyAddress}' -ProxyCredential $credential -RetryIntervalSec 0 -Verbose | ForEach-Object Text
            """);

        Assert.Empty(result.Output);
        Assert.Single(result.Errors);
        Assert.Empty(Gateway.Requests);
        Assert.All(proxy.Requests, request => Assert.Equal(ProxyOutcome.Challenged, request.Outcome));
        Assert.DoesNotContain(ProxyPassword, result.AllText());
    }

    [Fact]
    public void ConnectEdgeeProxyAppliesToLaterCommands()
    {
        Gateway.Enqueue(Stream("session proxy"));

        var result = Run($$"""
            Connect-Edgee -ApiKey $EdgeeTestKey -BaseUrl $EdgeeTestBase -Proxy '{{ProxyAddress}}'
            try { Invoke-EdgeeStream gpt-5.2 'Hello' | ForEach-Object Text } finally { Disconnect-Edgee }
            """);

        Assert.Equal("session proxy", Text(result.EnsureSuccess()));
        Assert.Equal(ProxyOutcome.Relayed, Assert.Single(proxy.Requests).Outcome);
    }

    [Fact]
    public void ParallelStreamsThroughOneProxyEachGetTheirOwnText()
    {
        Gateway.Route(request => System.Text.RegularExpressions.Regex.Match(request.Body, @"parallel (\d+)") is { Success: true } match
            ? Stream("reply ", match.Groups[1].Value)
            : null);
        var manifest = ModulePaths.ManifestPath.Replace("'", "''");

        var result = Run($$"""
            1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
                Import-Module '{{manifest}}' -ErrorAction Stop
                "$_|" + -join (Invoke-EdgeeStream gpt-5.2 "parallel $_" -ApiKey $using:EdgeeTestKey -BaseUrl $using:EdgeeTestBase -Proxy '{{ProxyAddress}}' | ForEach-Object Text)
            }
            """, TimeSpan.FromMinutes(1));

        var lines = result.EnsureSuccess().Output.Select(item => item.ToString().Split('|')).ToList();
        Assert.Equal(8, lines.Count);
        Assert.All(lines, parts => Assert.Equal("reply " + parts[0], parts[1]));
        Assert.Equal(8, proxy.Requests.Count(request => request.Outcome == ProxyOutcome.Relayed));
    }

    private static string Credential() => $$"""
        $password = [System.Security.SecureString]::new()
        foreach ($c in '{{ProxyPassword}}'.ToCharArray()) { $password.AppendChar($c) }
        $credential = [System.Management.Automation.PSCredential]::new('{{ProxyUser}}', $password)
        """;
}
