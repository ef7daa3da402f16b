using static EdgeePS.Tests.Cmdlets.ChatScripts;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeePS.Tests.Simulation;

namespace EdgeePS.Tests.Cmdlets;

/// <summary>
/// Conversations in a script: New-EdgeeChat, and -Chat on Send-EdgeeCompletion and Invoke-EdgeeStream, against the
/// module's simulator. A turn answered in full goes on the chat (user turn, tool calls and results, reply); one that
/// fails or is stopped leaves the chat as it was. Each case runs whole, streamed, and streamed through Send -Stream.
/// </summary>
public sealed class ChatTests : SimulatorTestBase
{
    public ChatTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public void NewEdgeeChatStartsEmptyWithASystemPromptOrFromMessages()
    {
        var lines = Lines("""
            $empty = New-EdgeeChat
            "$($empty.GetType().FullName) $($empty.Messages.Count) $($null -eq $empty.Usage)"
            $sre = New-EdgeeChat -SystemPrompt 'You are a terse SRE.'
            $sre.Messages | ForEach-Object { "$($_.Role): $($_.Content)" }
            $given = New-EdgeeChat -Messages @(
                @{ role = 'system'; content = 'Be brief.' }
                [pscustomobject]@{ role = 'user'; content = 'Is DNS up?' }
                [EdgeePS.ChatMessage]::new('assistant', 'Yes.')
            )
            $given.Messages | ForEach-Object { "$($_.GetType().Name) $($_.Role): $($_.Content)" }
            """);

        Assert.Equal(
            ["EdgeePS.Chat 0 True", "system: You are a terse SRE.", "ChatMessage system: Be brief.", "ChatMessage user: Is DNS up?", "ChatMessage assistant: Yes."],
            lines);
    }

    [Fact]
    public void NewEdgeeChatRefusesMessagesThatAreNoneAndASecondSystemPrompt()
    {
        var result = Run("""
            try { New-EdgeeChat -Messages @(@{ content = 'no role' }) } catch { $_.FullyQualifiedErrorId }
            try { New-EdgeeChat -Messages @(@{ role = 'tool'; content = 'no id' }) } catch { $_.FullyQualifiedErrorId }
            try { New-EdgeeChat -SystemPrompt 'A' -Messages @(@{ role = 'system'; content = 'B' }) } catch { $_.FullyQualifiedErrorId }
            """);

        Assert.Equal(
            ["MessageRoleMissing,EdgeePS.Cmdlets.NewEdgeeChatCommand", "ToolCallIdMissing,EdgeePS.Cmdlets.NewEdgeeChatCommand", "ParameterConflictsWithInput,EdgeePS.Cmdlets.NewEdgeeChatCommand"],
            result.Output.Select(item => item.ToString()));
    }

    [Theory]
    [MemberData(nameof(Modes), MemberType = typeof(ChatScripts))]
    public void EachAnsweredTurnSendsTheHistoryAndTheNewInputThenAppendsTheUserTurnAndTheReply(string mode)
    {
        var lines = Lines($$"""
            $chat = New-EdgeeChat -SystemPrompt 'You are a terse SRE.'
            $simulator | Add-EdgeeSimulatorResponse -Text 'Disk /var is 93% full.'
            $simulator | Add-EdgeeSimulatorResponse -Text 'Clean the journal: journalctl --vacuum-size=500M.'
            $null = {{Command(mode, "'What is wrong with web-1?'" + " " + "-Chat $chat")}}
            $null = {{Command(mode, "'How do I fix it?'" + " " + "-Chat $chat")}}
            $chat.Messages | ForEach-Object { "$($_.Role): $($_.Content)" }
            Get-EdgeeSimulatorRequest $simulator | ForEach-Object Body
            """);

        Assert.Equal(
            [
                "system: You are a terse SRE.", "user: What is wrong with web-1?", "assistant: Disk /var is 93% full.",
                "user: How do I fix it?", "assistant: Clean the journal: journalctl --vacuum-size=500M.",
            ],
            lines[..5]);
        Assert.Equal(2, lines.Count - 5);
        Assert.Equal(["system: You are a terse SRE.", "user: What is wrong with web-1?"], SentMessages(lines[5]));
        Assert.Equal(lines[..4], SentMessages(lines[6]));
    }

    [Theory]
    [InlineData("Send-EdgeeCompletion gpt-5.2")]
    [InlineData("Invoke-EdgeeStream gpt-5.2")]
    public void PipedPromptsGoOnTheChatOneAfterAnother(string command)
    {
        var lines = Lines($$"""
            $chat = New-EdgeeChat
            $null = 'first', 'second' | {{command}} -Chat $chat
            $chat.Messages | ForEach-Object { "$($_.Role): $($_.Content)" }
            (Get-EdgeeSimulatorRequest $simulator -Last 1).Body
            """);

        Assert.Equal(["user: first", "assistant: You said: first", "user: second", "assistant: You said: second"], lines[..4]);
        Assert.Equal(lines[..3], SentMessages(lines[4]));
    }

    [Fact]
    public void ASystemPromptBesideAChatThatHasOneIsRefusedBeforeAnyRequest()
    {
        var lines = Run("""
            $chat = New-EdgeeChat -SystemPrompt 'A'
            Send-EdgeeCompletion gpt-5.2 'Hi' -Chat $chat -SystemPrompt 'B' -ErrorVariable problem -ErrorAction SilentlyContinue
            $problem.FullyQualifiedErrorId
            @(Get-EdgeeSimulatorRequest $simulator).Count
            $chat.Messages.Count
            """).Output.Select(item => item.ToString()).ToList();

        Assert.Equal(["ParameterConflictsWithInput,EdgeePS.Cmdlets.SendEdgeeCompletionCommand", "0", "1"], lines);
    }

    [Theory]
    [MemberData(nameof(Modes), MemberType = typeof(ChatScripts))]
    public void ASystemPromptGivenWithTheTurnGoesFirstOnceAndTheChatKeepsIt(string mode)
    {
        var lines = Lines($$"""
            $chat = New-EdgeeChat
            $simulator | Add-EdgeeSimulatorResponse -Text 'one' -Count 2
            $null = {{Command(mode, "'first'" + " " + "-Chat $chat -SystemPrompt 'Be brief.'")}}
            $null = {{Command(mode, "'second'" + " " + "-Chat $chat")}}
            $chat.Messages | ForEach-Object { "$($_.Role): $($_.Content)" }
            (Get-EdgeeSimulatorRequest $simulator -Last 1).Body
            """);

        Assert.Equal(["system: Be brief.", "user: first", "assistant: one", "user: second", "assistant: one"], lines[..5]);
        Assert.Equal(lines[..4], SentMessages(lines[5]));
    }

    [Theory]
    [MemberData(nameof(Modes), MemberType = typeof(ChatScripts))]
    public void WithToolsTheCallsAndTheirResultsGoOnTheChatToo(string mode)
    {
        var lines = Lines(ServiceStatusTool + $$"""
            $chat = New-EdgeeChat
            $simulator | Add-EdgeeSimulatorResponse -ToolCall @{ id = 'call_1'; name = 'Get-ServiceStatus'; arguments = @{ Unit = 'nginx' } }
            $simulator | Add-EdgeeSimulatorResponse -Text 'nginx has failed since 03:12.'
            $simulator | Add-EdgeeSimulatorResponse -Text 'Restart it.'
            $null = {{Command(mode, "'Why is nginx down?'" + " " + "-Chat $chat -Tool Get-ServiceStatus")}}
            $null = {{Command(mode, "'What now?'" + " " + "-Chat $chat")}}
            $chat.Messages | ForEach-Object { "$($_.Role)|$($_.Content)|$($_.ToolCallId)|$(@($_.ToolCalls | Where-Object { $_ } | ForEach-Object { $_.Id + ' ' + $_.Function.Name + ' ' + $_.Function.Arguments }) -join ';')" }
            (Get-EdgeeSimulatorRequest $simulator -Last 1).Body
            """);

        Assert.Equal(
            [
                "user|Why is nginx down?||",
                """assistant|||call_1 Get-ServiceStatus {"Unit":"nginx"}""",
                "tool|nginx.service: failed since 03:12|call_1|",
                "assistant|nginx has failed since 03:12.||",
                "user|What now?||",
                "assistant|Restart it.||",
            ],
            lines[..6]);
        // The next turn sends the whole exchange, the call and its result included.
        var sent = JsonNode.Parse(lines[6])!["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "tool", "assistant", "user"], sent.Select(message => message!["role"]!.GetValue<string>()));
        Assert.Equal("call_1", sent[1]!["tool_calls"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("call_1", sent[2]!["tool_call_id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Send", "-Status 500")]
    [InlineData("Stream", "-Status 500")]
    [InlineData("SendStream", "-Status 500")]
    [InlineData("Stream", "-Text 'a long answer cut short' -DropAfter 2")]
    [InlineData("SendStream", "-Text 'a long answer cut short' -DropAfter 2")]
    [InlineData("Stream", "-Text 'a long answer ended by an error' -ErrorAfter 2")]
    [InlineData("Send", "-Status 429 -ErrorCode usage_limit_exceeded")]
    public void ATurnThatFailsAppendsNothing(string mode, string fault)
    {
        var result = Run($$"""
            $chat = New-EdgeeChat -Messages @(@{ role = 'user'; content = 'Hi' }, @{ role = 'assistant'; content = 'Hello.' })
            $simulator | Add-EdgeeSimulatorResponse {{fault}}
            $null = {{Command(mode, "'What is wrong?'" + " " + "-Chat $chat -MaximumRetryCount 0")}}
            $chat.Messages.Count
            $null -eq $chat.Usage
            """);

        Assert.NotEmpty(result.Errors);
        Assert.Null(result.TerminatingError);
        Assert.Equal(["2", "True"], result.Output.Select(item => item.ToString()));
    }

    [Fact]
    public void AToolLoopThatFailsAppendsNothing()
    {
        var result = Run(ServiceStatusTool + """
            $chat = New-EdgeeChat
            $simulator | Add-EdgeeSimulatorResponse -ToolCall @{ name = 'Get-ServiceStatus'; arguments = @{ Unit = 'nginx' } } -Count 2
            $null = Send-EdgeeCompletion gpt-5.2 'Why?' -Chat $chat -Tool Get-ServiceStatus -MaximumToolRounds 1
            $chat.Messages.Count
            """);

        Assert.StartsWith("ToolRoundLimitExceeded,", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Equal("0", Assert.Single(result.Output).ToString());
    }

    [Theory]
    [InlineData("Invoke-EdgeeStream gpt-5.2 'Tell me a story' -Chat $chat | Select-Object -First 2")]
    [InlineData("Send-EdgeeCompletion gpt-5.2 'Tell me a story' -Stream -Chat $chat | Select-Object -First 2")]
    public void AStreamStoppedDownstreamAppendsNothing(string command)
    {
        var lines = Lines($$"""
            $chat = New-EdgeeChat
            $simulator | Add-EdgeeSimulatorResponse -Text 'once upon a time there was a pager that never slept'
            $null = {{command}}
            $chat.Messages.Count
            """);

        Assert.Equal(["0"], lines);
    }

    [Fact]
    public void AWholeAnswerTakenWithSelectObjectFirstIsAnsweredAndAppended()
    {
        // The answer was whole before it was written: taking the first object stops nothing that was still arriving.
        var lines = Lines("""
            $chat = New-EdgeeChat
            $simulator | Add-EdgeeSimulatorResponse -Text 'All good.'
            (Send-EdgeeCompletion gpt-5.2 'Status?' -Chat $chat | Select-Object -First 1).Text
            $chat.Messages.Count
            """);

        Assert.Equal(["All good.", "2"], lines);
    }

    [Fact]
    public async Task ATurnStoppedWithCtrlCAppendsNothing()
    {
        Lines("""
            $chat = New-EdgeeChat
            $simulator | Add-EdgeeSimulatorResponse -Text 'one two three four five six seven eight nine ten' -ChunkDelayMs 500
            """);
        var pipeline = Session.Start("Invoke-EdgeeStream gpt-5.2 'Count to ten' -Chat $chat", timeout: Patience);
        await pipeline.WaitForOutputAsync(1, Patience);

        pipeline.Stop();
        var stopped = await pipeline.Completion;

        Assert.True(stopped.Stopped);
        Assert.Equal(["0"], Lines("$chat.Messages.Count"));
    }

    [Theory]
    [MemberData(nameof(Modes), MemberType = typeof(ChatScripts))]
    public void TheChatAddsUpTheUsageOfEveryAnsweredTurn(string mode)
    {
        var result = Run($$"""
            $chat = New-EdgeeChat
            $simulator | Add-EdgeeSimulatorResponse -Text 'one' -Usage @{ prompt = 10; completion = 3 }
            $simulator | Add-EdgeeSimulatorResponse -Status 500
            $simulator | Add-EdgeeSimulatorResponse -Text 'two' -Usage @{ prompt = 25; completion = 4 }
            $null = {{Command(mode, "'first'" + " " + "-Chat $chat")}}
            "$($chat.Usage.PromptTokens) $($chat.Usage.CompletionTokens) $($chat.Usage.TotalTokens)"
            $null = {{Command(mode, "'fails'" + " " + "-Chat $chat -MaximumRetryCount 0")}}
            $null = {{Command(mode, "'second'" + " " + "-Chat $chat")}}
            "$($chat.Usage.PromptTokens) $($chat.Usage.CompletionTokens) $($chat.Usage.TotalTokens)"
            """);

        Assert.StartsWith("ApiError,", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Equal(["10 3 13", "35 7 42"], result.Output.Select(item => item.ToString()));
    }

    [Fact]
    public void AChatSavedWithConvertToJsonComesBackWithNewEdgeeChatMessageForMessage()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgeeps-chat-{Guid.NewGuid():N}.json");
        try
        {
            var lines = Lines(ServiceStatusTool + $$"""
                $chat = New-EdgeeChat -SystemPrompt 'You are a terse SRE.'
                $simulator | Add-EdgeeSimulatorResponse -ToolCall @{ id = 'call_1'; name = 'Get-ServiceStatus'; arguments = @{ Unit = 'nginx' } }
                $simulator | Add-EdgeeSimulatorResponse -Text 'nginx has "failed" — since 03:12.'
                $null = Send-EdgeeCompletion gpt-5.2 'Why is nginx down?' -Chat $chat -Tool Get-ServiceStatus
                $chat.Messages | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath '{{path}}'
                $again = New-EdgeeChat -Messages (Get-Content -LiteralPath '{{path}}' -Raw | ConvertFrom-Json)
                $again.Messages.Count
                $chat.Messages | ForEach-Object { $_ | ConvertTo-Json -Depth 10 -Compress }
                $again.Messages | ForEach-Object { $_ | ConvertTo-Json -Depth 10 -Compress }
                $simulator | Add-EdgeeSimulatorResponse -Text 'Restart it.'
                $null = Send-EdgeeCompletion gpt-5.2 'What now?' -Chat $again
                (Get-EdgeeSimulatorRequest $simulator -Last 1).Body
                """);

            Assert.Equal("5", lines[0]);
            Assert.Equal(lines[1..6], lines[6..11]);
            Assert.Contains("call_1", lines[3]);
            // Continued another day: the conversation goes to the gateway as it first did, and the next turn follows it.
            var sent = JsonNode.Parse(lines[11])!["messages"]!.AsArray();
            Assert.Equal(["system", "user", "assistant", "tool", "assistant", "user"], sent.Select(message => message!["role"]!.GetValue<string>()));
            Assert.Equal("call_1", sent[3]!["tool_call_id"]!.GetValue<string>());
            Assert.Equal("""{"Unit":"nginx"}""", sent[2]!["tool_calls"]![0]!["function"]!["arguments"]!.GetValue<string>());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ASingleSavedMessageComesBackToo()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgeeps-chat-{Guid.NewGuid():N}.json");
        try
        {
            var lines = Lines($$"""
                $chat = New-EdgeeChat -SystemPrompt 'Be brief.'
                $chat.Messages | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath '{{path}}'
                $again = New-EdgeeChat -Messages (Get-Content -LiteralPath '{{path}}' -Raw | ConvertFrom-Json)
                $again.Messages | ForEach-Object { "$($_.Role): $($_.Content)" }
                """);

            Assert.Equal(["system: Be brief."], lines);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
