using EdgeePS.Simulation;

namespace EdgeePS.Tests.Cmdlets;

/// <summary>
/// -TimeoutSec and -IdleTimeoutSec beyond what a .NET timer holds (int.MaxValue ms, 2,147,483 s) mean "no limit"
/// on every command, instead of .NET's "(Parameter 'delay')". The edges themselves are tested on the core
/// (EdgeeSettingsTests); here, that the cmdlets get there.
/// </summary>
public sealed class TimeoutLimitTests : CmdletTestBase
{
    public TimeoutLimitTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Theory]
    [InlineData("Invoke-EdgeeStream gpt-5.2 'Hello' {0} | ForEach-Object Text", true)]
    [InlineData("Send-EdgeeCompletion gpt-5.2 'Hello' -Stream {0} | ForEach-Object Text", true)]
    [InlineData("(Send-EdgeeCompletion gpt-5.2 'Hello' {0}).Text", false)]
    public void TheLargestValuesWork(string command, bool streamed)
    {
        foreach (var seconds in new[] { "2147483", "2147484", "([int]::MaxValue)" })
        {
            Gateway.Enqueue(streamed
                ? ScriptedResponse.Sse(ScriptedResponse.ContentChunk("answer " + seconds))
                : ScriptedResponse.Json(200, ScriptedResponse.CompletionJson("answer " + seconds)));

            var result = Run(string.Format(command, $"-TimeoutSec {seconds} -IdleTimeoutSec {seconds}"));

            Assert.Equal("answer " + seconds, Text(result.EnsureSuccess()));
        }
    }

    [Fact]
    public void GetEdgeeModelTakesTheLargestTimeout()
    {
        var result = Run("(Get-EdgeeModel -TimeoutSec ([int]::MaxValue)).Count -gt 0").EnsureSuccess();

        Assert.Equal("True", Assert.Single(result.Output).ToString());
    }
}
