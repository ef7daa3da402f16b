using EdgeePS.Simulation;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Cmdlets;

/// <summary>
/// A fresh local gateway for every test, and scripts that read as a user writes them: the key and the
/// gateway's address come from $PSDefaultParameterValues, so a test says `Invoke-EdgeeStream gpt-5.2 "Hello"`.
/// </summary>
public abstract class CmdletTestBase : IClassFixture<SessionFixture>, IAsyncLifetime
{
    protected const string ApiKey = "sk-edgee-test-7f3c9a1b5d";

    protected CmdletTestBase(SessionFixture fixture) => Session = fixture.Session;

    protected PowerShellSession Session { get; }

    private protected GatewaySimulator Gateway { get; private set; } = null!;

    public async Task InitializeAsync() => Gateway = await GatewaySimulator.StartAsync();

    public async Task DisposeAsync() => await Gateway.DisposeAsync();

    protected PowerShellResult Run(string script, TimeSpan? timeout = null) =>
        Session.Run(WithDefaults(script), Variables(), timeout);

    protected RunningPipeline Start(string script, TimeSpan? timeout = null) =>
        Session.Start(WithDefaults(script), Variables(), timeout);

    protected static string Text(PowerShellResult result) => string.Concat(result.Output.Select(item => item.ToString()));

    protected static string[] ErrorIds(PowerShellResult result) =>
        result.Errors.Select(error => error.FullyQualifiedErrorId).ToArray();

    private Dictionary<string, object?> Variables() => new()
    {
        ["EdgeeTestKey"] = ApiKey,
        ["EdgeeTestBase"] = Gateway.BaseUrl.ToString(),
    };

    /// <summary>False for tests of how the key and gateway are found: their scripts say it all.</summary>
    protected virtual bool ConnectByDefault => true;

    private string WithDefaults(string script) => ConnectByDefault
        ? "$PSDefaultParameterValues = @{ '*-Edgee*:ApiKey' = $EdgeeTestKey; '*-Edgee*:BaseUrl' = $EdgeeTestBase }\n" + script
        : "$PSDefaultParameterValues = @{}\n" + script;
}
