using System.Net.Http.Headers;
using System.Text;
using EdgeePS.Tests.Cmdlets;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Simulation;

/// <summary>
/// Tests of the simulator's cmdlets as users call them: every test gets a session with <c>$simulator</c> from
/// <c>Start-EdgeeSimulator -Connect</c>, run by script text, and stops it afterwards.
/// </summary>
public abstract class SimulatorTestBase : IClassFixture<SessionFixture>, IDisposable
{
    protected const string Invoke = ",EdgeePS.Cmdlets.InvokeEdgeeStreamCommand";
    protected const string Send = ",EdgeePS.Cmdlets.SendEdgeeCompletionCommand";
    protected const string Add = ",EdgeePS.Cmdlets.AddEdgeeSimulatorResponseCommand";

    /// <summary>Generous: proves "did not hang", never "was fast".</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static readonly HttpClient Client = new();

    protected SimulatorTestBase(SessionFixture fixture)
    {
        Session = fixture.Session;
        var started = Session.Run("$simulator = Start-EdgeeSimulator -Connect; $simulator").EnsureSuccess();
        Simulator = (Simulator)started.Output.Single().BaseObject;
    }

    protected PowerShellSession Session { get; }

    /// <summary>The test's simulator, as the script's <c>$simulator</c>.</summary>
    protected Simulator Simulator { get; }

    public void Dispose()
    {
        Session.Run("Stop-EdgeeSimulator $simulator; Disconnect-Edgee; $PSDefaultParameterValues = @{}").EnsureSuccess();
        GC.SuppressFinalize(this);
    }

    protected PowerShellResult Run(string script, TimeSpan? timeout = null) => Session.Run(script, timeout: timeout ?? Patience);

    /// <summary>The output of a script that must succeed, as text.</summary>
    protected List<string> Lines(string script, TimeSpan? timeout = null) =>
        Run(script, timeout).EnsureSuccess().Output.Select(item => item?.ToString() ?? string.Empty).ToList();

    protected static string[] ErrorIds(PowerShellResult result) => result.Errors.Select(error => error.FullyQualifiedErrorId).ToArray();

    /// <summary>A chat request sent straight to the simulator, to see the protocol on the wire.</summary>
    protected async Task<(HttpResponseMessage Response, string Body)> PostChatAsync(string json, string? key = "test-key")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Simulator.BaseUrl + "/v1/chat/completions")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        var response = await Client.SendAsync(request).WaitAsync(Patience);
        return (response, await response.Content.ReadAsStringAsync().WaitAsync(Patience));
    }

    /// <summary>The data of each event of an SSE body written as the simulator writes it.</summary>
    protected static List<string> EventData(string body) =>
        body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(block => block.StartsWith("data: ", StringComparison.Ordinal) ? block[6..] : block).ToList();
}
