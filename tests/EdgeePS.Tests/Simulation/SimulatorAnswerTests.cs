using System.Text.Json;
using EdgeePS.Tests.Cmdlets;

namespace EdgeePS.Tests.Simulation;

/// <summary>Add-EdgeeSimulatorResponse's answers: text, tool calls, reasoning, usage, model, pacing, repeats, order.</summary>
public sealed class SimulatorAnswerTests : SimulatorTestBase
{
    public SimulatorAnswerTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public void TextStreamsARoleChunkThenAChunkPerWordThenTheFinishChunk()
    {
        var lines = Lines("""
            $simulator | Add-EdgeeSimulatorResponse -Text 'Disk is full'
            $chunks = @(Invoke-EdgeeStream gpt-5.2 'status?' | Where-Object { $_.Choices.Count -gt 0 })
            $chunks.Count
            $chunks[0].Role
            ($chunks | ForEach-Object { "[$($_.Text)]" }) -join ''
            $chunks[-1].FinishReason
            """);

        Assert.Equal(["5", "assistant", "[][Disk][ is][ full][]", "stop"], lines);
    }

    [Fact]
    public void TextIsOneCompletionWithUsageWhenTheRequestDoesNotStream()
    {
        var lines = Lines("""
            $simulator | Add-EdgeeSimulatorResponse -Text 'Disk is full'
            $reply = Send-EdgeeCompletion gpt-5.2 'how is the disk'
            $reply.Text
            $reply.FinishReason
            $reply.Provider
            "$($reply.Usage.PromptTokens)+$($reply.Usage.CompletionTokens)=$($reply.Usage.TotalTokens)"
            """);

        Assert.Equal(["Disk is full", "stop", "openai", "4+3=7"], lines);
    }

    [Fact]
    public void AStreamCarriesUsageOnlyWhenTheRequestAsksAndUsageOverridesTheCounts()
    {
        var lines = Lines("""
            $asking = @{ messages = @(@{ role = 'user'; content = 'hi' }); stream_options = @{ include_usage = $true } }
            $notAsking = @{ messages = @(@{ role = 'user'; content = 'hi' }); stream_options = @{ include_usage = $false } }
            $simulator | Add-EdgeeSimulatorResponse -Text 'a b' -Usage @{ prompt = 12; completion = 34 } -Count 3
            @(Invoke-EdgeeStream gpt-5.2 $notAsking | Where-Object Usage).Count
            $usage = @(Invoke-EdgeeStream gpt-5.2 $asking)[-1].Usage
            "$($usage.PromptTokens)+$($usage.CompletionTokens)=$($usage.TotalTokens)"
            $usage = (Send-EdgeeCompletion gpt-5.2 'hi').Usage
            "$($usage.PromptTokens)+$($usage.CompletionTokens)=$($usage.TotalTokens)"
            $simulator | Add-EdgeeSimulatorResponse -Text 'a b' -Usage @{ completion = 50 }
            $usage = (Send-EdgeeCompletion gpt-5.2 'three word prompt').Usage
            "$($usage.PromptTokens)+$($usage.CompletionTokens)=$($usage.TotalTokens)"
            """);

        Assert.Equal(["0", "12+34=46", "12+34=46", "3+50=53"], lines);
    }

    [Fact]
    public async Task SeveralTextsStreamAsChoicesTakingTurnsEachEndingWithItsOwnFinishChunk()
    {
        Lines("$simulator | Add-EdgeeSimulatorResponse -Text 'Teal is calm', 'Mauve' -Reasoning 'Pick two' -ToolCall @{ name = 'paint'; arguments = '{}' }");

        var (_, body) = await PostChatAsync("""{"model":"gpt-5.2","stream":true,"n":2,"messages":[]}""");

        // Each chunk as choice:delta:finish_reason.
        var chunks = EventData(body).SkipLast(1).Select(data =>
        {
            var choice = JsonDocument.Parse(data).RootElement.GetProperty("choices").EnumerateArray().Single();
            var finish = choice.GetProperty("finish_reason");
            return $"{choice.GetProperty("index").GetInt32()}:{choice.GetProperty("delta").GetRawText()}:{(finish.ValueKind == JsonValueKind.Null ? "" : finish.GetString())}";
        });
        Assert.Equal(
            [
                "0:{\"role\":\"assistant\",\"content\":\"\"}:", "1:{\"role\":\"assistant\",\"content\":\"\"}:",
                "0:{\"reasoning_content\":\"Pick\"}:", "1:{\"content\":\"Mauve\"}:",
                "0:{\"reasoning_content\":\" two\"}:", "1:{}:stop",
                "0:{\"content\":\"Teal\"}:", "0:{\"content\":\" is\"}:", "0:{\"content\":\" calm\"}:",
                "0:{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"paint\",\"arguments\":\"\"}}]}:",
                "0:{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{}\"}}]}:",
                "0:{}:tool_calls",
            ],
            chunks);
        Assert.Equal("[DONE]", EventData(body)[^1]);
    }

    [Fact]
    public void SeveralTextsAreAChoiceEachInAWholeAnswerAndJoinedFromAStream()
    {
        var lines = Lines("""
            $simulator | Add-EdgeeSimulatorResponse -Text 'Teal', 'Mauve is nice' -Count 2
            $request = @{ messages = @(@{ role = 'user'; content = 'Name a colour' }); n = 2 }
            foreach ($reply in (Send-EdgeeCompletion gpt-5.2 $request), (Invoke-EdgeeStream gpt-5.2 $request | Join-EdgeeStream)) {
                ($reply.Choices | ForEach-Object { '{0}:{1}:{2}' -f $_.Index, $_.Message.Content, $_.FinishReason }) -join ' | '
                $reply.Usage.CompletionTokens
            }
            """);

        Assert.Equal(["0:Teal:stop | 1:Mauve is nice:stop", "4", "0:Teal:stop | 1:Mauve is nice:stop", "4"], lines);
    }

    [Fact]
    public void ModelOverridesTheModelTheAnswerReports()
    {
        var lines = Lines("""
            $simulator | Add-EdgeeSimulatorResponse -Text 'fallback' -Model 'claude-sonnet-4.5' -Count 2
            (Send-EdgeeCompletion gpt-5.2 'x').Model
            @(Invoke-EdgeeStream gpt-5.2 'x')[0].Model
            (Send-EdgeeCompletion gpt-5-mini 'x').Model
            """);

        Assert.Equal(["claude-sonnet-4.5", "claude-sonnet-4.5", "gpt-5-mini"], lines);
    }

    [Fact]
    public void AnswersAreTakenFirstInFirstOutAndCountRepeatsOneThenTheEchoReturns()
    {
        var lines = Lines("""
            $simulator | Add-EdgeeSimulatorResponse -Text 'first' -Count 2
            $simulator | Add-EdgeeSimulatorResponse -Text 'second'
            $simulator.QueuedResponses
            1..4 | ForEach-Object { (Send-EdgeeCompletion gpt-5.2 "ask $_").Text }
            $simulator.QueuedResponses
            """);

        Assert.Equal(["3", "first", "first", "second", "You said: ask 4", "0"], lines);
    }

    [Fact]
    public void AToolCallStreamsItsIdTypeAndNameFirstThenItsArgumentsInFragments()
    {
        var lines = Lines("""
            $simulator | Add-EdgeeSimulatorResponse -ToolCall @{ name = 'get_service_status'; arguments = @{ unit = 'nginx'; lines = 20 } }, @{ name = 'restart'; id = 'call_custom'; arguments = @{ unit = 'nginx' } }
            $chunks = @(Invoke-EdgeeStream gpt-5.2 'Is nginx up?')
            $fragments = @($chunks | ForEach-Object { $_.Choices } | ForEach-Object { $_.Delta.ToolCalls } | Where-Object { $_ })
            foreach ($index in 0, 1) {
                $own = @($fragments | Where-Object Index -eq $index)
                "$($own[0].Id) $($own[0].Type) $($own[0].Function.Name) [$($own[0].Function.Arguments)]"
                @($own[1..($own.Count - 1)] | Where-Object { $_.Id -or $_.Function.Name }).Count
                $arguments = -join ($own | ForEach-Object { $_.Function.Arguments })
                $json = [System.Text.Json.JsonDocument]::Parse($arguments).RootElement
                $json.GetProperty('unit').GetString()
                $own.Count -gt 2
            }
            @($chunks | Where-Object FinishReason)[-1].FinishReason
            """);

        Assert.Equal(
            ["call_1 function get_service_status []", "0", "nginx", "True", "call_custom function restart []", "0", "nginx", "True", "tool_calls"],
            lines);
    }

    [Fact]
    public void AWholeAnswerCarriesTheToolCallsInItsMessage()
    {
        var lines = Lines("""
            $simulator | Add-EdgeeSimulatorResponse -ToolCall @{ name = 'get_service_status'; arguments = @{ unit = 'nginx' } }
            $reply = Send-EdgeeCompletion gpt-5.2 'Is nginx up?'
            $reply.FinishReason
            $reply.ToolCalls.Count
            "$($reply.ToolCalls[0].Id) $($reply.ToolCalls[0].Type) $($reply.ToolCalls[0].Function.Name) $($reply.ToolCalls[0].Function.Arguments)"
            $null -eq $reply.Message.Content
            """);

        Assert.Equal(["tool_calls", "1", "call_1 function get_service_status {\"unit\":\"nginx\"}", "True"], lines);
    }

    [Fact]
    public void ToolCallArgumentsGivenAsTextAreSentAsTheyAreAndTextMayComeWithThem()
    {
        var lines = Lines("""
            $simulator | Add-EdgeeSimulatorResponse -Text 'Let me check.' -ToolCall @{ name = 'lookup'; arguments = '{"unit": "ngi' } -Count 2
            $reply = Send-EdgeeCompletion gpt-5.2 'x'
            $reply.Text
            $reply.ToolCalls[0].Function.Arguments
            $chunks = @(Invoke-EdgeeStream gpt-5.2 'x')
            -join $chunks.Text
            -join ($chunks | ForEach-Object { $_.Choices } | ForEach-Object { $_.Delta.ToolCalls } | Where-Object { $_ } | ForEach-Object { $_.Function.Arguments })
            """);

        Assert.Equal(["Let me check.", "{\"unit\": \"ngi", "Let me check.", "{\"unit\": \"ngi"], lines);
    }

    [Fact]
    public async Task ReasoningGoesOutAsReasoningContentBeforeTheAnswerAndCountsAsReasoningTokens()
    {
        Lines("$simulator | Add-EdgeeSimulatorResponse -Text 'It is DNS.' -Reasoning 'Check the resolver first' -Count 2");

        var (_, streamed) = await PostChatAsync("""{"model":"gpt-5.2","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"why"}]}""");
        var (_, whole) = await PostChatAsync("""{"model":"gpt-5.2","messages":[{"role":"user","content":"why"}]}""");

        var events = EventData(streamed);
        var reasoning = events.Select((data, index) => (data, index)).Where(item => item.data.Contains("\"reasoning_content\"")).ToList();
        var content = events.Select((data, index) => (data, index)).Where(item => item.data.Contains("\"content\":\"") && item.data.Contains("\"delta\":{\"content\"")).ToList();
        Assert.Equal(4, reasoning.Count);
        Assert.Equal(3, content.Count);
        Assert.True(reasoning.Max(item => item.index) < content.Min(item => item.index), streamed);
        Assert.Contains("\"output_tokens_details\":{\"reasoning_tokens\":4}", events[^2]);
        Assert.Contains("\"message\":{\"role\":\"assistant\",\"content\":\"It is DNS.\",\"reasoning_content\":\"Check the resolver first\"}", whole);
    }

    [Fact]
    public void ChunkDelayMsPacesTheChunks()
    {
        // A lower bound only: four pauses of 300 ms cannot take less than 1.2 s, however busy the machine.
        var lines = Lines("""
            $simulator | Add-EdgeeSimulatorResponse -Text 'one two three' -ChunkDelayMs 300
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $text = -join (Invoke-EdgeeStream gpt-5.2 'count' | ForEach-Object Text)
            $text
            $clock.Elapsed.TotalMilliseconds -ge 1200
            """);

        Assert.Equal(["one two three", "True"], lines);
    }

    [Fact]
    public async Task TextWithMultiByteCharactersTravelsRawAndArrivesWhole()
    {
        var lines = Lines("""
            $simulator | Add-EdgeeSimulatorResponse -Text 'héllo 😀 wörld' -Count 2
            -join (Invoke-EdgeeStream gpt-5.2 'x' | ForEach-Object Text)
            """);
        var (_, body) = await PostChatAsync("""{"model":"gpt-5.2","stream":true,"messages":[]}""");

        Assert.Equal(["héllo 😀 wörld"], lines);
        // Raw on the wire, not escaped as \ud83d\ude00: clients must decode split multi-byte characters themselves.
        Assert.Contains("\"content\":\" 😀\"", body);
    }
}
