using EdgeePS.Simulation;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Hardening;

/// <summary>
/// The environment's proxy settings are honoured by default (issue 3). .NET reads HTTP_PROXY / HTTPS_PROXY / NO_PROXY
/// once per process, so each case runs the demo in a process of its own. Found on .NET 10 (checked while writing
/// these tests): the environment proxy is NOT bypassed for loopback destinations, and NO_PROXY matches host names
/// literally ("127.0.0.1" does not cover "localhost"). That is what lets every case here stay on 127.0.0.1: the
/// gateway, the proxy and the https target are all local, and NO_PROXY=127.0.0.1 is the honest way to ask for a bypass.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class EnvironmentProxyTests
{
    private const string Key = "sk-edgee-env-proxy-test";

    [Fact]
    public async Task EnvironmentProxiesAreUsedAndNoProxyBypassesThem()
    {
        // The four cases are independent processes with their own gateway, proxy and target: run them side by side.
        await Task.WhenAll(
            PlainHttpGoesThroughHttpProxyAsync(),
            NoProxyBypassesHttpProxyAsync(),
            HttpsGoesThroughHttpsProxyAsync(),
            NoProxyBypassesHttpsProxyAsync());
    }

    private static async Task PlainHttpGoesThroughHttpProxyAsync()
    {
        await using var gateway = await GatewaySimulator.StartAsync();
        await using var proxy = ForwardProxy.Start();
        gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("through HTTP_PROXY")));

        var run = await DemoProcess.RunAsync(new Dictionary<string, string>
        {
            ["EDGEE_API_KEY"] = Key,
            ["EDGEE_BASE_URL"] = BaseOf(gateway),
            ["HTTP_PROXY"] = proxy.Address.ToString(),
        });

        Assert.True(run.ExitCode == 0 && run.StandardOutput.Contains("through HTTP_PROXY"), $"HTTP_PROXY: {run}");
        var relayed = Assert.Single(proxy.Requests);
        Assert.Equal((ProxyOutcome.Relayed, BaseOf(gateway) + "/v1/chat/completions"), (relayed.Outcome, relayed.Target));
        Assert.Single(gateway.Requests);
    }

    private static async Task NoProxyBypassesHttpProxyAsync()
    {
        await using var gateway = await GatewaySimulator.StartAsync();
        await using var proxy = ForwardProxy.Start();
        gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("around HTTP_PROXY")));

        var run = await DemoProcess.RunAsync(new Dictionary<string, string>
        {
            ["EDGEE_API_KEY"] = Key,
            ["EDGEE_BASE_URL"] = BaseOf(gateway),
            ["HTTP_PROXY"] = proxy.Address.ToString(),
            ["NO_PROXY"] = "127.0.0.1",
        });

        Assert.True(run.ExitCode == 0 && run.StandardOutput.Contains("around HTTP_PROXY"), $"HTTP_PROXY with NO_PROXY: {run}");
        Assert.Empty(proxy.Requests);
        Assert.Single(gateway.Requests);
    }

    /// <summary>An https gateway: the client must ask HTTPS_PROXY for a tunnel (CONNECT), which the test proxy refuses.</summary>
    private static async Task HttpsGoesThroughHttpsProxyAsync()
    {
        await using var proxy = ForwardProxy.Start();
        using var target = new ConnectionCounter();

        var run = await DemoProcess.RunAsync(new Dictionary<string, string>
        {
            ["EDGEE_API_KEY"] = Key,
            ["EDGEE_BASE_URL"] = $"https://127.0.0.1:{target.Port}",
            ["HTTPS_PROXY"] = proxy.Address.ToString(),
        });

        Assert.True(run.ExitCode != 0 && run.StandardError.Contains("ConnectionFailed"), $"HTTPS_PROXY: {run}");
        Assert.NotEmpty(proxy.Requests);
        Assert.All(proxy.Requests, request => Assert.Equal(("CONNECT", $"127.0.0.1:{target.Port}"), (request.Method, request.Target)));
        Assert.Equal(0, target.Accepted);
        Assert.DoesNotContain(Key, run.StandardOutput + run.StandardError);
    }

    /// <summary>With NO_PROXY the client goes straight to the https target (where TLS fails: it is no https server).</summary>
    private static async Task NoProxyBypassesHttpsProxyAsync()
    {
        await using var proxy = ForwardProxy.Start();
        using var target = new ConnectionCounter();

        var run = await DemoProcess.RunAsync(new Dictionary<string, string>
        {
            ["EDGEE_API_KEY"] = Key,
            ["EDGEE_BASE_URL"] = $"https://127.0.0.1:{target.Port}",
            ["HTTPS_PROXY"] = proxy.Address.ToString(),
            ["NO_PROXY"] = "127.0.0.1",
        });

        Assert.True(run.ExitCode != 0 && run.StandardError.Contains("ConnectionFailed"), $"HTTPS_PROXY with NO_PROXY: {run}");
        Assert.Empty(proxy.Requests);
        Assert.True(target.Accepted > 0, "The client never tried the https target directly.");
    }

    private static string BaseOf(GatewaySimulator gateway) => gateway.BaseUrl.ToString().TrimEnd('/');
}
