using EdgeePS.Simulation;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Cmdlets;

/// <summary>
/// The same answer served whole and streamed: Send-EdgeeCompletion and Invoke-EdgeeStream | Join-EdgeeStream give
/// equal responses, every public property compared.
/// </summary>
public sealed class StreamParityTests : CmdletTestBase
{
    private const string Head =
        "\"id\":\"chatcmpl-p1\",\"created\":1700000123,\"model\":\"gpt-5.2-2026-01-01\",\"system_fingerprint\":\"fp_9\",\"service_tier\":\"default\"";
    private const string Usage =
        """{"prompt_tokens":40,"completion_tokens":31,"total_tokens":71,"prompt_tokens_details":{"cached_tokens":8},"completion_tokens_details":{"reasoning_tokens":12}}""";
    private const string Compression = """{"saved_tokens":12,"cost_savings":30,"reduction":23.5,"time_ms":4}""";

    public StreamParityTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public void AStreamedAnswerJoinsIntoExactlyTheResponseSentWhole()
    {
        // Two choices: text with reasoning, and two tool calls with no text.
        Gateway.Enqueue(ScriptedResponse.Json(200, """
            {HEAD,"object":"chat.completion",
             "choices":[
              {"index":0,"message":{"role":"assistant","content":"Restart nginx on web01.","reasoning_content":"nginx is down; web01 only.","refusal":null},"logprobs":null,"finish_reason":"stop"},
              {"index":1,"message":{"role":"assistant","content":null,"tool_calls":[
                 {"id":"call_a","type":"function","function":{"name":"get_service_status","arguments":"{\"host\":\"web01\",\"unit\":\"nginx\"}"}},
                 {"id":"call_b","type":"function","function":{"name":"get_load","arguments":"{\"host\":\"web01\"}"}}]},"logprobs":null,"finish_reason":"tool_calls"}],
             "usage":USAGE,"compression":COMPRESSION}
            """.Replace("HEAD", Head).Replace("USAGE", Usage).Replace("COMPRESSION", Compression)).Header("X-Edgee-Provider", "openai"));
        Gateway.Enqueue(ScriptedResponse.Sse(
            Chunk("""[{"index":0,"delta":{"role":"assistant","content":""}},{"index":1,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_service_status","arguments":""}}]}}]"""),
            Chunk("""[{"index":0,"delta":{"reasoning_content":"nginx is down; "}}]"""),
            Chunk("""[{"index":1,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"host\":\"web01\","}}]}}]"""),
            Chunk("""[{"index":0,"delta":{"reasoning_content":"web01 only."}}]"""),
            Chunk("""[{"index":1,"delta":{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"get_load","arguments":"{\"host\":"}}]}}]"""),
            Chunk("""[{"index":0,"delta":{"content":"Restart nginx "}}]"""),
            Chunk("""[{"index":1,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"unit\":\"nginx\"}"}}]}}]"""),
            Chunk("""[{"index":1,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"\"web01\"}"}}]}}]"""),
            Chunk("""[{"index":0,"delta":{"content":"on web01."}}]"""),
            Chunk("""[{"index":1,"delta":{},"finish_reason":"tool_calls"}]"""),
            Chunk("""[{"index":0,"delta":{},"finish_reason":"stop"}]"""),
            $$"""{{{Head}},"object":"chat.completion.chunk","choices":[],"usage":{{Usage}},"compression":{{Compression}}}""")
            .Header("X-Edgee-Provider", "openai"));

        var whole = Response(Run("Send-EdgeeCompletion gpt-5.2 'Check web01'").EnsureSuccess());
        var joined = Response(Run("Invoke-EdgeeStream gpt-5.2 'Check web01' | Join-EdgeeStream").EnsureSuccess());

        // The served answer has every part the comparison must see.
        Assert.Equal(("Restart nginx on web01.", "nginx is down; web01 only.", 2, 2, "openai"), (whole.Text, whole.Reasoning, whole.Choices.Count, whole.Choices[1].Message!.ToolCalls!.Count, whole.Provider));
        var differences = PublicPropertyComparison.Differences(whole, joined);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }

    private static string Chunk(string choices) => $$"""{{{Head}},"object":"chat.completion.chunk","choices":{{choices}}}""";

    private static CompletionResponse Response(PowerShellResult result) => Assert.IsType<CompletionResponse>(Assert.Single(result.Output).BaseObject);
}
