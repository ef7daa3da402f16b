using System.Globalization;
using System.Text.RegularExpressions;
using EdgeePS.Simulation;
using EdgeePS.Tests.Cmdlets;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Hardening;

/// <summary>
/// The cmdlet tests' base (a fresh gateway per test, -ApiKey and -BaseUrl from $PSDefaultParameterValues) plus what
/// the hardening tests share: the cmdlets' error-id suffixes, the verbose text, and common scripted responses.
/// </summary>
public abstract partial class HardeningTestBase : CmdletTestBase
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

    /// <summary>The verbose lines that announce a retry.</summary>
    protected static List<string> RetryLines(PowerShellResult result) =>
        result.Verbose.Select(record => record.Message).Where(message => message.Contains("retrying", StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The wait a retry line announces, in seconds.</summary>
    protected static double WaitSeconds(string retryLine)
    {
        var match = WaitPattern().Match(retryLine);
        Assert.True(match.Success, $"No wait in seconds in: {retryLine}");
        return double.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"retrying in (?<seconds>\d+(\.\d+)?) s", RegexOptions.IgnoreCase)]
    private static partial Regex WaitPattern();
}
