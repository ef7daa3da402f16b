using System.Text.Json.Nodes;

namespace EdgeePS.Tests.Cmdlets;

/// <summary>
/// Script pieces the tests of issue 12's features share: the chat commands in each way of asking (whole, streamed,
/// streamed through Send -Stream), an ops tool for the model to call, and the messages a request sent.
/// </summary>
internal static class ChatScripts
{
    /// <summary>A tool the model may call: the status of a systemd unit, always failed.</summary>
    public const string ServiceStatusTool = """
        function Get-ServiceStatus {
            <#
            .SYNOPSIS
            Current status of a systemd unit.
            #>
            param([Parameter(Mandatory)] [string] $Unit)
            "$Unit.service: failed since 03:12"
        }

        """;

    /// <summary>The three ways of asking: Send-EdgeeCompletion, Invoke-EdgeeStream, Send-EdgeeCompletion -Stream.</summary>
    public static TheoryData<string> Modes => new() { "Send", "Stream", "SendStream" };

    /// <summary>The command that asks, its output what that way of asking writes (a response, or chunks).</summary>
    public static string Command(string mode, string arguments) => mode switch
    {
        "Send" => $"Send-EdgeeCompletion gpt-5.2 {arguments}",
        "Stream" => $"Invoke-EdgeeStream gpt-5.2 {arguments}",
        "SendStream" => $"Send-EdgeeCompletion gpt-5.2 {arguments} -Stream",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    /// <summary>The command that asks, its output one CompletionResponse either way (streams joined).</summary>
    public static string Answer(string mode, string arguments) =>
        Command(mode, arguments) + (mode == "Send" ? string.Empty : " | Join-EdgeeStream");

    /// <summary>The messages a request body sent, as "role: content".</summary>
    public static List<string> SentMessages(string body) =>
        JsonNode.Parse(body)!["messages"]!.AsArray()
            .Select(message => $"{message!["role"]!.GetValue<string>()}: {message["content"]?.GetValue<string>()}")
            .ToList();
}
