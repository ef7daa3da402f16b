using System.Text.RegularExpressions;
using EdgeePS.Tests.Cmdlets;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Tools;

/// <summary>
/// -Tool with -ThrottleLimit: every input's first request goes ahead of its turn, and its tool calls run when its
/// turn comes, on the pipeline thread, one at a time and in input order; the later rounds are sent from there.
/// </summary>
public sealed partial class ToolThrottleTests : ToolTestBase
{
    public ToolThrottleTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public void Tools_run_one_at_a_time_at_each_inputs_turn_and_the_answers_come_in_input_order()
    {
        Gateway.Route(request =>
        {
            var unit = Unit().Match(request.Body).Groups["unit"].Value;
            var messages = request.Json!.Value.GetProperty("messages").GetArrayLength();
            return messages == 1
                ? ScriptedAnswers.WholeCalls(Call("call_" + unit, "Get-ServiceStatus", $$"""{"Unit":"{{unit}}"}"""))
                : ScriptedAnswers.WholeText($"{unit} is down");
        });

        var result = Run(Functions + """
            $answers = 'unit nginx', 'unit sshd', 'unit cron' | Send-EdgeeCompletion gpt-5.2 -Tool Get-ServiceStatus -ThrottleLimit 3
            $answers | ForEach-Object Text
            $ran
            [string]($answers | ForEach-Object { $_.ToolInvocations.Count })
            """);

        Assert.Equal(
            ["nginx is down", "sshd is down", "cron is down", "Get-ServiceStatus nginx", "Get-ServiceStatus sshd", "Get-ServiceStatus cron", "1 1 1"],
            result.EnsureSuccess().Output.Select(item => item.ToString()));
        Assert.Equal(6, ChatRequests);
    }

    [GeneratedRegex(@"unit (?<unit>\w+)")]
    private static partial Regex Unit();
}
