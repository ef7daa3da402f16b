using System.Text.Json.Nodes;
using EdgeePS.Conversation;
using EdgeePS.Serialization;
using EdgeePS.Streaming;

namespace EdgeePS.Tests.Core;

/// <summary>
/// <see cref="TurnResponse"/> and the joiner: the answers of one turn make one response, the conversation in order and
/// the usage summed, whether they came whole or as the chunks of several streams.
/// </summary>
public sealed class TurnResponseTests
{
    private static TurnRecord RecordWithOneToolRound()
    {
        var record = new TurnRecord(new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Why?" }));
        var assistant = new ChatMessage { Role = "assistant", ToolCalls = [new ToolCall { Id = "call_1", Type = "function", Function = new FunctionCall { Name = "f", Arguments = "{}" } }] };
        var round = new ToolRound(1, assistant);
        round.Invocations.Add(new ToolInvocation { Id = "call_1", Name = "f", Round = 1, Output = "result" });
        record.Add(round);
        return record;
    }

    [Fact]
    public void Two_answers_and_a_tool_round_compose_the_whole_conversation_and_sum_the_usage()
    {
        var record = RecordWithOneToolRound();
        record.AnswerReached();
        CompletionResponse[] answers =
        [
            new() { Usage = new Usage { PromptTokens = 10, CompletionTokens = 2, TotalTokens = 12, CompletionTokensDetails = new TokenDetails { ReasoningTokens = 1 } } },
            new() { Choices = [new CompletionChoice { Message = new ChatMessage("assistant", "Because.") }], Usage = new Usage { PromptTokens = 20, CompletionTokens = 3, TotalTokens = 23 } },
        ];

        var response = TurnResponse.Compose(record, answers);

        Assert.Same(answers[1], response);
        Assert.Equal(["user:Why?", "assistant:", "tool:result", "assistant:Because."], response.Messages!.Select(message => $"{message.Role}:{message.Content}"));
        Assert.Equal("call_1", response.Messages![2].ToolCallId);
        Assert.Equal((30, 5, 35, 1), (response.Usage!.PromptTokens, response.Usage.CompletionTokens, response.Usage.TotalTokens, response.Usage.ReasoningTokens));
        Assert.Equal("call_1", Assert.Single(response.ToolInvocations).Id);
        Assert.True(response.IsComplete);
    }

    [Fact]
    public void A_turn_that_did_not_reach_its_answer_is_incomplete_and_ends_with_the_calls_that_were_answered()
    {
        var record = RecordWithOneToolRound();
        CompletionResponse[] answers = [new() { Choices = [new CompletionChoice { Message = record.ToolRounds[0].Assistant }] }];

        var response = TurnResponse.Compose(record, answers);

        Assert.False(response.IsComplete);
        Assert.Equal(["user", "assistant", "tool"], response.Messages!.Select(message => message.Role));
    }

    [Fact]
    public void The_chunks_of_a_turns_rounds_join_into_one_response_and_the_next_turn_into_another()
    {
        var record = RecordWithOneToolRound();
        record.AnswerReached();
        var first = new StreamAnswer("openai", false, record, round: 1);
        var second = new StreamAnswer("openai", false, record, round: 2);
        var other = new StreamAnswer("openai", false, new TurnRecord(new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Next" })), round: 1);
        first.Complete();
        second.Complete();
        other.Complete();
        other.Turn!.AnswerReached();
        var joiner = new StreamJoiner();
        var responses = new List<CompletionResponse>();

        foreach (var (json, answer) in new[]
        {
            ("""{"id":"a","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","function":{"name":"f","arguments":"{}"}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""", first),
            ("""{"id":"a","choices":[{"index":0,"delta":{"content":"Because."},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}""", second),
            ("""{"id":"a","choices":[{"index":0,"delta":{"content":"Hi."},"finish_reason":"stop"}]}""", other),
        })
        {
            var chunk = System.Text.Json.JsonSerializer.Deserialize(json, EdgeeJsonContext.Default.StreamChunk)!;
            chunk.Answer = answer;
            responses.AddRange(joiner.Add(chunk) is { } done ? [done] : []);
        }

        responses.Add(joiner.Finish()!);

        Assert.Equal([("Because.", 6, 4), ("Hi.", 0, 2)], responses.Select(response => (response.Text, response.Usage?.TotalTokens ?? 0, response.Messages!.Count)));
    }
}
