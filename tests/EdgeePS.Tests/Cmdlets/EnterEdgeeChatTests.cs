using static EdgeePS.Tests.Cmdlets.ChatScripts;
using System.Text.Json.Nodes;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Cmdlets;

/// <summary>
/// Enter-EdgeeChat driven by piped lines, read as if typed, in a host whose console is recorded, against the module's
/// simulator: the answers on the console, the chat kept, and /exit, /reset and /save.
/// </summary>
public sealed class EnterEdgeeChatTests : IClassFixture<HostSessionFixture>, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly HostSessionFixture _fixture;
    private readonly int _screenBefore;

    public EnterEdgeeChatTests(HostSessionFixture fixture)
    {
        _fixture = fixture;
        Run("$simulator = Start-EdgeeSimulator -Connect").EnsureSuccess();
        _screenBefore = Screen.Length;
    }

    public void Dispose() => Run("Stop-EdgeeSimulator $simulator; Disconnect-Edgee").EnsureSuccess();

    /// <summary>What the test's scripts wrote to the console.</summary>
    private string Screen => _fixture.Host.Console.Screen;

    private string NewScreen => Screen[_screenBefore..];

    [Fact]
    public void PipedLinesAreReadAsTypedTheAnswersAppearAndExitLeaves()
    {
        var result = Run("""
            $chat = 'Is DNS up?', '/exit', 'never sent' | Enter-EdgeeChat gpt-5.2 -PassThru
            $chat.GetType().FullName
            $chat.Messages | ForEach-Object { "$($_.Role): $($_.Content)" }
            @(Get-EdgeeSimulatorRequest $simulator).Count
            """).EnsureSuccess();

        Assert.Equal(["EdgeePS.Chat", "user: Is DNS up?", "assistant: You said: Is DNS up?", "1"], Lines(result));
        Assert.Contains("Chatting with gpt-5.2", NewScreen);
        Assert.Contains("> Is DNS up?\nYou said: Is DNS up?\n", NewScreen);
        Assert.Contains("> /exit\n", NewScreen);
        Assert.DoesNotContain("never sent", NewScreen);
    }

    [Fact]
    public void WithoutPassThruNothingIsWrittenToThePipeline()
    {
        var result = Run("'Hi' | Enter-EdgeeChat gpt-5.2").EnsureSuccess();

        Assert.Empty(result.Output);
        Assert.Contains("You said: Hi", NewScreen);
    }

    [Fact]
    public void EachTurnSendsTheConversationSoFar()
    {
        var result = Run("""
            $simulator | Add-EdgeeSimulatorResponse -Text 'The disk is full.'
            $simulator | Add-EdgeeSimulatorResponse -Text 'Vacuum the journal.'
            $chat = 'What is wrong?', 'How do I fix it?' | Enter-EdgeeChat gpt-5.2 -SystemPrompt 'You are a terse SRE.' -PassThru
            $chat.Messages | ForEach-Object { "$($_.Role): $($_.Content)" }
            (Get-EdgeeSimulatorRequest $simulator -Last 1).Body
            """).EnsureSuccess();

        var lines = Lines(result);
        Assert.Equal(["system: You are a terse SRE.", "user: What is wrong?", "assistant: The disk is full.", "user: How do I fix it?", "assistant: Vacuum the journal."], lines[..5]);
        Assert.Equal(lines[..4], SentMessages(lines[5]));
        Assert.Contains("> What is wrong?\nThe disk is full.\n> How do I fix it?\nVacuum the journal.\n", NewScreen);
    }

    [Fact]
    public void ResetStartsOverKeepingTheSystemPrompt()
    {
        var result = Run("""
            $chat = 'first question', '/reset', 'second question' | Enter-EdgeeChat gpt-5.2 -SystemPrompt 'Be brief.' -PassThru
            $chat.Messages | ForEach-Object { "$($_.Role): $($_.Content)" }
            (Get-EdgeeSimulatorRequest $simulator -Last 1).Body
            """).EnsureSuccess();

        var lines = Lines(result);
        Assert.Equal(["system: Be brief.", "user: second question", "assistant: You said: second question"], lines[..3]);
        Assert.Equal(["system: Be brief.", "user: second question"], SentMessages(lines[3]));
        Assert.Contains("Started over: the chat has 1 message(s).", NewScreen);
    }

    [Fact]
    public void SaveWritesTheMessagesThatNewEdgeeChatReadsBack()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgeeps-chat-{Guid.NewGuid():N}.json");
        try
        {
            var result = Run($$"""
                $chat = 'Is nginx up?', '/save {{path}}', '/exit' | Enter-EdgeeChat gpt-5.2 -SystemPrompt 'Be brief.' -PassThru
                $again = New-EdgeeChat -Messages (Get-Content -LiteralPath '{{path}}' -Raw | ConvertFrom-Json)
                $chat.Messages | ForEach-Object { $_ | ConvertTo-Json -Compress -Depth 10 }
                '--'
                $again.Messages | ForEach-Object { $_ | ConvertTo-Json -Compress -Depth 10 }
                """).EnsureSuccess();

            var lines = Lines(result);
            var split = lines.IndexOf("--");
            Assert.Equal(3, split);
            Assert.Equal(lines[..split], lines[(split + 1)..]);
            Assert.Contains($"Saved 3 message(s) to {path}", NewScreen);
            // The file holds the gateway's JSON.
            Assert.Equal(["system", "user", "assistant"], JsonNode.Parse(File.ReadAllText(path))!.AsArray().Select(message => message!["role"]!.GetValue<string>()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void SaveWithoutAPathOrToAFolderThatIsNotThereSaysSoAndTheChatGoesOn()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"edgeeps-missing-{Guid.NewGuid():N}", "chat.json");
        var result = Run($"'/save', '/save {missing}', 'still here' | Enter-EdgeeChat gpt-5.2 -PassThru | ForEach-Object {{ $_.Messages.Count }}");

        Assert.Equal(["2"], Lines(result));
        Assert.StartsWith("ChatSaveFailed,", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Contains("Say where: /save <path>", NewScreen);
    }

    [Fact]
    public void ChatContinuesAConversationAndTheSameChatHoldsTheNewTurns()
    {
        var result = Run("""
            $chat = New-EdgeeChat -Messages @(@{ role = 'user'; content = 'Is nginx up?' }, @{ role = 'assistant'; content = 'No.' })
            'Why not?' | Enter-EdgeeChat gpt-5.2 -Chat $chat
            $chat.Messages | ForEach-Object { "$($_.Role): $($_.Content)" }
            (Get-EdgeeSimulatorRequest $simulator -Last 1).Body
            """).EnsureSuccess();

        var lines = Lines(result);
        Assert.Equal(["user: Is nginx up?", "assistant: No.", "user: Why not?", "assistant: You said: Why not?"], lines[..4]);
        Assert.Equal(lines[..3], SentMessages(lines[4]));
    }

    [Fact]
    public void AFailedTurnIsAnErrorTheChatLeavesOutAndTheConversationGoesOn()
    {
        var result = Run("""
            $simulator | Add-EdgeeSimulatorResponse -Status 500
            $simulator | Add-EdgeeSimulatorResponse -Text 'cut short here and more' -DropAfter 2
            $chat = 'fails', 'cut', 'works' | Enter-EdgeeChat gpt-5.2 -MaximumRetryCount 0 -PassThru
            $chat.Messages | ForEach-Object { "$($_.Role): $($_.Content)" }
            """);

        Assert.Equal(["user: works", "assistant: You said: works"], Lines(result));
        Assert.Equal(2, result.Errors.Count);
        Assert.StartsWith("ApiError,", result.Errors[0].FullyQualifiedErrorId);
        Assert.StartsWith("StreamTruncated,", result.Errors[1].FullyQualifiedErrorId);
        Assert.Null(result.TerminatingError);
    }

    [Fact]
    public void ToolsRunInTheChatAndTheirCallsAreKept()
    {
        var result = Run(ServiceStatusTool + """
            $simulator | Add-EdgeeSimulatorResponse -ToolCall @{ id = 'call_1'; name = 'Get-ServiceStatus'; arguments = @{ Unit = 'nginx' } }
            $simulator | Add-EdgeeSimulatorResponse -Text 'nginx has failed.'
            $chat = 'Why is nginx down?' | Enter-EdgeeChat gpt-5.2 -Tool Get-ServiceStatus -PassThru
            $chat.Messages | ForEach-Object { "$($_.Role): $($_.Content)" }
            """).EnsureSuccess();

        Assert.Equal(["user: Why is nginx down?", "assistant: ", "tool: nginx.service: failed since 03:12", "assistant: nginx has failed."], Lines(result));
        Assert.Contains("Get-ServiceStatus", NewScreen);
        Assert.Contains("nginx has failed.", NewScreen);
    }

    [Fact]
    public void UnknownCommandsAreExplainedAndADoubleSlashSendsTheLineAsItIs()
    {
        var result = Run("""
            $chat = '/help', '//etc/hosts is empty' | Enter-EdgeeChat gpt-5.2 -PassThru
            $chat.Messages | ForEach-Object { "$($_.Role): $($_.Content)" }
            @(Get-EdgeeSimulatorRequest $simulator).Count
            """).EnsureSuccess();

        Assert.Equal(["user: /etc/hosts is empty", "assistant: You said: /etc/hosts is empty", "1"], Lines(result));
        Assert.Contains("Unknown command /help", NewScreen);
    }

    [Fact]
    public void ASystemPromptBesideAChatThatHasOneIsRefusedBeforeAnyRequest()
    {
        var result = Run("""
            $chat = New-EdgeeChat -SystemPrompt 'A'
            try { 'Hi' | Enter-EdgeeChat gpt-5.2 -Chat $chat -SystemPrompt 'B' } catch { $_.FullyQualifiedErrorId }
            @(Get-EdgeeSimulatorRequest $simulator).Count
            """);

        Assert.Equal(["ParameterConflictsWithInput,EdgeePS.Cmdlets.EnterEdgeeChatCommand", "0"], Lines(result));
    }

    [Fact]
    public void EmptyLinesAreSkipped()
    {
        var result = Run("""
            $chat = '', '   ', 'Hi' | Enter-EdgeeChat gpt-5.2 -PassThru
            $chat.Messages.Count
            @(Get-EdgeeSimulatorRequest $simulator).Count
            """).EnsureSuccess();

        Assert.Equal(["2", "1"], Lines(result));
    }

    [Fact]
    public async Task StoppedInAHostedRunspaceTheChatKeepsEveryTurnAnsweredBefore()
    {
        Run("""
            $chat = New-EdgeeChat
            $simulator | Add-EdgeeSimulatorResponse -Text 'First answer.'
            $simulator | Add-EdgeeSimulatorResponse -Text 'a slow second answer that goes on and on and on' -ChunkDelayMs 500
            """).EnsureSuccess();
        var pipeline = _fixture.Session.Start("'first', 'second', 'third' | Enter-EdgeeChat gpt-5.2 -Chat $chat", timeout: Patience);
        var deadline = DateTime.UtcNow + Patience;
        while (!NewScreen.Contains("> second\na", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Contains("> second\na", NewScreen);
        pipeline.Stop();
        var stopped = await pipeline.Completion;

        Assert.True(stopped.Stopped);
        Assert.Equal(["user: first", "assistant: First answer."], Lines(Run("$chat.Messages | ForEach-Object { \"$($_.Role): $($_.Content)\" }").EnsureSuccess()));
        Assert.Equal(["2"], Lines(Run("@(Get-EdgeeSimulatorRequest $simulator).Count").EnsureSuccess()));
    }

    private PowerShellResult Run(string script) => _fixture.Session.Run(script, timeout: Patience);

    private static List<string> Lines(PowerShellResult result) => result.Output.Select(item => item?.ToString() ?? string.Empty).ToList();
}
