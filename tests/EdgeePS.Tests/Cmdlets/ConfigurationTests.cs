using System.Management.Automation;
using EdgeePS.Simulation;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Cmdlets;

/// <summary>How the key and the gateway are found. These tests own the process environment, so they run alone.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class ConfigurationTests : CmdletTestBase
{
    private const string Invoke = "EdgeePS.Cmdlets.InvokeEdgeeStreamCommand";

    public ConfigurationTests(SessionFixture fixture) : base(fixture)
    {
    }

    protected override bool ConnectByDefault => false;

    [Fact]
    public void KeyAndGatewayComeFromTheEnvironment()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("env")));

        var result = WithEnvironment(ApiKey, Gateway.BaseUrl + "v1/", () => Run("Invoke-EdgeeStream gpt-5.2 'Hello' | ForEach-Object Text"));

        Assert.Equal("env", Text(result.EnsureSuccess()));
        Assert.Equal("Bearer " + ApiKey, Gateway.Requests[0].Headers["Authorization"]);
        Assert.Equal("/v1/chat/completions", Gateway.Requests[0].Path);
    }

    [Fact]
    public void ParametersWinOverTheEnvironment()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("param")));

        var result = WithEnvironment("env-key", "https://unreachable.invalid", () =>
            Run("Invoke-EdgeeStream gpt-5.2 'Hello' -ApiKey 'param-key' -BaseUrl $EdgeeTestBase | ForEach-Object Text"));

        Assert.Equal("param", Text(result.EnsureSuccess()));
        Assert.Equal("Bearer param-key", Gateway.Requests[0].Headers["Authorization"]);
    }

    [Fact]
    public void EnvironmentIsReadAtEveryInvocation()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("second gateway")));

        var result = WithEnvironment(ApiKey, "http://127.0.0.1:1", () => Run("""
            Invoke-EdgeeStream gpt-5.2 'Hello' -MaximumRetryCount 0 -ErrorAction SilentlyContinue -ErrorVariable first
            $first[0].FullyQualifiedErrorId
            $env:EDGEE_BASE_URL = $EdgeeTestBase
            Invoke-EdgeeStream gpt-5.2 'Hello' | ForEach-Object Text
            """));

        Assert.Equal(new[] { "ConnectionFailed," + Invoke, "second gateway" }, result.Output.Select(item => item.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("/v1")]
    [InlineData("/v1/")]
    public void BaseUrlSpellingsAllReachTheSameEndpoint(string suffix)
    {
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("ok")));

        Run($"Invoke-EdgeeStream gpt-5.2 'Hello' -ApiKey k -BaseUrl ($EdgeeTestBase.TrimEnd('/') + '{suffix}')").EnsureSuccess();

        Assert.Equal("/v1/chat/completions", Assert.Single(Gateway.Requests).Path);
    }

    [Fact]
    public void SecureStringKeyIsAccepted()
    {
        Gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("secure")));

        var result = Run("""
            $secure = [System.Security.SecureString]::new()
            foreach ($c in $EdgeeTestKey.ToCharArray()) { $secure.AppendChar($c) }
            Invoke-EdgeeStream gpt-5.2 'Hello' -ApiKey $secure -BaseUrl $EdgeeTestBase | ForEach-Object Text
            """);

        Assert.Equal("secure", Text(result.EnsureSuccess()));
        Assert.Equal("Bearer " + ApiKey, Gateway.Requests[0].Headers["Authorization"]);
    }

    [Fact]
    public void MissingKeyIsTerminatingAndSendsNothing()
    {
        var result = WithEnvironment("", null, () => Run(Terminating("'a', 'b' | Invoke-EdgeeStream gpt-5.2 -BaseUrl $EdgeeTestBase")));

        var caught = Assert.Single(result.Output).BaseObject;
        var error = Assert.IsType<ErrorRecord>(caught);
        Assert.Equal("ApiKeyMissing," + Invoke, error.FullyQualifiedErrorId);
        Assert.Contains("-ApiKey", error.Exception.Message);
        Assert.Contains("EDGEE_API_KEY", error.Exception.Message);
        Assert.Empty(Gateway.Requests);
    }

    [Theory]
    [InlineData("ftp://gateway.example")]
    [InlineData("not a url")]
    [InlineData("https://gateway.example/?x=1")]
    public void InvalidBaseUrlIsTerminating(string baseUrl)
    {
        var result = Run(Terminating($"Invoke-EdgeeStream gpt-5.2 'Hello' -ApiKey k -BaseUrl '{baseUrl}'"));

        var error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
        Assert.Equal("InvalidBaseUrl," + Invoke, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    // Only the refusal is tested here: with the switch the key would go to another machine, and tests
    // send traffic to loopback only. The switch's effect is covered by the core's settings tests.
    [Fact]
    public void KeyIsNeverSentOverPlainHttpToAnotherHost()
    {
        var refused = Run(Terminating($"Invoke-EdgeeStream gpt-5.2 'Hello' -ApiKey '{ApiKey}' -BaseUrl 'http://gateway.example:9'"));

        var error = Assert.IsType<ErrorRecord>(Assert.Single(refused.Output).BaseObject);
        Assert.Equal("UnencryptedAuthenticationNotAllowed," + Invoke, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        Assert.Contains("-AllowUnencryptedAuthentication", error.Exception.Message);
        Assert.DoesNotContain(ApiKey, refused.AllText());
    }

    /// <summary>
    /// A terminating error ends the whole statement (every piped input) and is caught by try/catch without
    /// -ErrorAction Stop; a non-terminating one would not be. The script outputs the caught record, once.
    /// </summary>
    private static string Terminating(string statement) =>
        $"try {{ {statement} }} catch {{ $_ }}";

    private static PowerShellResult WithEnvironment(string? apiKey, string? baseUrl, Func<PowerShellResult> run)
    {
        var savedKey = Environment.GetEnvironmentVariable("EDGEE_API_KEY");
        var savedBase = Environment.GetEnvironmentVariable("EDGEE_BASE_URL");
        Environment.SetEnvironmentVariable("EDGEE_API_KEY", apiKey);
        Environment.SetEnvironmentVariable("EDGEE_BASE_URL", baseUrl);
        try
        {
            return run();
        }
        finally
        {
            Environment.SetEnvironmentVariable("EDGEE_API_KEY", savedKey);
            Environment.SetEnvironmentVariable("EDGEE_BASE_URL", savedBase);
        }
    }
}
