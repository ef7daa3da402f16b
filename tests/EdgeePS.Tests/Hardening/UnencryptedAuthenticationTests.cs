using System.Management.Automation;
using EdgeePS.Tests.Cmdlets;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Hardening;

/// <summary>
/// Never -AllowUnencryptedAuthentication silently (issue 3): a plain-http base URL on another machine fails before any
/// connection. The commands are pointed at the suite's forward proxy, which would see any attempt (and refuses to
/// pass anything off this machine), so "no connection" is observed rather than assumed.
/// </summary>
public sealed class UnencryptedAuthenticationTests : HardeningTestBase, IAsyncLifetime
{
    private ForwardProxy proxy = null!;

    public UnencryptedAuthenticationTests(SessionFixture fixture) : base(fixture)
    {
    }

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

    [Theory]
    [InlineData("Invoke-EdgeeStream gpt-5.2 'Hello'", "InvokeEdgeeStreamCommand")]
    [InlineData("Send-EdgeeCompletion gpt-5.2 'Hello'", "SendEdgeeCompletionCommand")]
    [InlineData("Get-EdgeeModel", "GetEdgeeModelCommand")]
    [InlineData("Connect-Edgee", "ConnectEdgeeCommand")]
    public void PlainHttpToAnotherMachineFailsBeforeAnyConnection(string command, string cmdletClass)
    {
        foreach (var baseUrl in new[] { "http://gateway.example", "http://10.1.2.3:8080/v1" })
        {
            var result = Run($"try {{ {command} -BaseUrl '{baseUrl}' -Proxy '{proxy.Address}' }} catch {{ $_ }}");

            var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
            Assert.Equal($"UnencryptedAuthenticationNotAllowed,EdgeePS.Cmdlets.{cmdletClass}", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
            Assert.Contains("-AllowUnencryptedAuthentication", error.Exception.Message);
            Assert.DoesNotContain(ApiKey, result.AllText());
        }

        Assert.Empty(proxy.Requests);
        Assert.Empty(Gateway.Requests);
    }

    [Fact]
    public void OnlyTheSwitchLetsTheKeyGoOverPlainHttp()
    {
        // The proxy refuses targets off this machine (502) but records what it was asked: the key went out, as the user allowed.
        var result = Run($"Invoke-EdgeeStream gpt-5.2 'Hello' -BaseUrl 'http://gateway.example' -Proxy '{proxy.Address}' -AllowUnencryptedAuthentication -MaximumRetryCount 0");

        var attempt = Assert.Single(proxy.Requests);
        Assert.Equal(("http://gateway.example/v1/chat/completions", ProxyOutcome.Refused), (attempt.Target, attempt.Outcome));
        Assert.Equal("Bearer " + ApiKey, attempt.Headers["Authorization"]);
        Assert.Equal("ApiError" + Invoke, Assert.Single(result.Errors).FullyQualifiedErrorId);
    }
}
