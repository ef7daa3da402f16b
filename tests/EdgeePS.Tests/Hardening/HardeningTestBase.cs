using EdgeePS.Simulation;
using EdgeePS.Tests.Cmdlets;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Hardening;

/// <summary>
/// The cmdlet tests' base (a fresh gateway per test, -ApiKey and -BaseUrl from $PSDefaultParameterValues) plus what
/// the hardening tests share: the cmdlets' error-id suffixes, the verbose text, and common scripted responses.
/// </summary>
public abstract class HardeningTestBase : CmdletTestBase
{
    protected const string Invoke = ",EdgeePS.Cmdlets.InvokeEdgeeStreamCommand";
    protected const string Send = ",EdgeePS.Cmdlets.SendEdgeeCompletionCommand";

    /// <summary>Generous: proves "did not hang", never "was fast".</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    protected HardeningTestBase(SessionFixture fixture) : base(fixture)
    {
    }

    protected static string VerboseText(PowerShellResult result) =>
        string.Join(Environment.NewLine, result.Verbose.Select(record => record.Message));

    private protected static ScriptedResponse EventStreamHeaders() =>
        ScriptedResponse.Status(200).Header("Content-Type", "text/event-stream").Header("X-Edgee-Provider", "openai");

    /// <summary>A complete stream whose chunks carry <paramref name="texts"/>, ended by [DONE].</summary>
    private protected static ScriptedResponse Stream(params string[] texts) =>
        ScriptedResponse.Sse(texts.Select(text => ScriptedResponse.ContentChunk(text)).ToArray()).Header("X-Edgee-Provider", "openai");

    private protected static ScriptedResponse Failure(int status, string message, string type = "server_error") =>
        ScriptedResponse.Error(status, type, message);
}
