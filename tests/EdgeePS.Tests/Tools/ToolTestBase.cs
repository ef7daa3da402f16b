using System.Text.Json;
using EdgeePS.Simulation;
using EdgeePS.Tests.Cmdlets;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Tools;

/// <summary>
/// The tool loop as users run it: functions defined in the script, given to -Tool, called by a scripted model. Every
/// script starts with <see cref="Functions"/>: two ops tools that record each run in <c>$ran</c>.
/// </summary>
public abstract class ToolTestBase : CmdletTestBase
{
    protected const string Invoke = "EdgeePS.Cmdlets.InvokeEdgeeStreamCommand";
    protected const string Send = "EdgeePS.Cmdlets.SendEdgeeCompletionCommand";

    protected const string Functions = """
        $ran = [System.Collections.Generic.List[string]]::new()
        function Get-ServiceStatus {
            <#
            .SYNOPSIS
            Current status of a systemd unit.
            .PARAMETER Unit
            The unit's name, e.g. nginx.
            #>
            param([Parameter(Mandatory)] [string] $Unit)
            $ran.Add("Get-ServiceStatus $Unit")
            "$Unit.service: failed (Result: exit-code) since 03:12"
        }
        function Get-RecentLog {
            <#
            .SYNOPSIS
            The last lines of a unit's journal.
            #>
            param([Parameter(Mandatory)] [string] $Unit, [ValidateRange(1, 500)] [int] $Lines = 20)
            $ran.Add("Get-RecentLog $Unit $Lines")
            1..$Lines | ForEach-Object { "line $_ of $Unit" }
        }

        """;

    protected ToolTestBase(SessionFixture fixture) : base(fixture)
    {
    }

    protected static ScriptedCall Call(string id, string name, string arguments) => new(id, name, arguments);

    /// <summary>The messages request <paramref name="index"/> sent, as (role, content, tool_call_id, tool call names) for assertions.</summary>
    protected List<JsonElement> SentMessages(int index) =>
        Gateway.Requests[index].Json!.Value.GetProperty("messages").EnumerateArray().ToList();

    protected int ChatRequests => Gateway.Requests.Count(request => request.Path.EndsWith("/chat/completions", StringComparison.Ordinal));

    protected static string Role(JsonElement message) => message.GetProperty("role").GetString()!;

    protected static string? Content(JsonElement message) =>
        message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String ? content.GetString() : null;

    protected static CompletionResponse Response(PowerShellResult result) =>
        Assert.IsType<CompletionResponse>(result.Output.Last().BaseObject);
}
