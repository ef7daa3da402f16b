using System.Globalization;
using EdgeePS.Simulation;

namespace EdgeePS.Tests.Infrastructure;

/// <summary>
/// The answers of a tool loop, as the gateway sends them whole or streamed: the same answer either way (id, model,
/// creation time, usage), so a whole and a streamed run can be compared property by property. A streamed call comes
/// in the fragments real providers send: id and name first, then the arguments in two pieces.
/// </summary>
internal static class ScriptedAnswers
{
    private const string Head = "\"id\":\"chatcmpl-tools\",\"created\":1700000000,\"model\":\"gpt-5.2\"";

    public static ScriptedResponse StreamedCalls(params ScriptedCall[] calls) => StreamedCalls(10, 5, calls);

    public static ScriptedResponse StreamedCalls(int promptTokens, int completionTokens, params ScriptedCall[] calls)
    {
        var chunks = new List<string> { Chunk("""{"role":"assistant","content":null}""", null) };
        for (var index = 0; index < calls.Length; index++)
        {
            var call = calls[index];
            var half = call.Arguments.Length / 2;
            var first = $"\"index\":{index},\"id\":{JsonText.Quote(call.Id)},\"type\":\"function\",\"function\":{{\"name\":{JsonText.Quote(call.Name)},\"arguments\":{JsonText.Quote(call.Arguments[..half])}}}";
            chunks.Add(Chunk("{\"tool_calls\":[{" + first + "}]}", null));
            chunks.Add(Chunk($"{{\"tool_calls\":[{{\"index\":{index},\"function\":{{\"arguments\":{JsonText.Quote(call.Arguments[half..])}}}}}]}}", null));
        }

        chunks.Add(Chunk("{}", "tool_calls"));
        chunks.Add(UsageChunk(promptTokens, completionTokens));
        return ScriptedResponse.Sse([.. chunks]);
    }

    public static ScriptedResponse WholeCalls(params ScriptedCall[] calls) => WholeCalls(10, 5, calls);

    public static ScriptedResponse WholeCalls(int promptTokens, int completionTokens, params ScriptedCall[] calls)
    {
        var toolCalls = string.Join(",", calls.Select(call =>
            $"{{\"id\":{JsonText.Quote(call.Id)},\"type\":\"function\",\"function\":{{\"name\":{JsonText.Quote(call.Name)},\"arguments\":{JsonText.Quote(call.Arguments)}}}}}"));
        return ScriptedResponse.Json(200, $$"""
            {{{Head}},"object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{{toolCalls}}]},"finish_reason":"tool_calls"}],"usage":{{Usage(promptTokens, completionTokens)}}}
            """);
    }

    public static ScriptedResponse StreamedText(string text, int promptTokens = 20, int completionTokens = 8)
    {
        var words = text.Split(' ');
        var chunks = new List<string> { Chunk("""{"role":"assistant","content":""}""", null) };
        chunks.AddRange(words.Select((word, index) => Chunk($$"""{"content":{{JsonText.Quote(index == 0 ? word : " " + word)}}}""", null)));
        chunks.Add(Chunk("{}", "stop"));
        chunks.Add(UsageChunk(promptTokens, completionTokens));
        return ScriptedResponse.Sse([.. chunks]);
    }

    public static ScriptedResponse WholeText(string text, int promptTokens = 20, int completionTokens = 8) =>
        ScriptedResponse.Json(200, $$"""
            {{{Head}},"object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":{{JsonText.Quote(text)}}},"finish_reason":"stop"}],"usage":{{Usage(promptTokens, completionTokens)}}}
            """);

    private static string Chunk(string delta, string? finishReason) =>
        $$"""{{{Head}},"object":"chat.completion.chunk","choices":[{"index":0,"delta":{{delta}},"finish_reason":{{JsonText.QuoteOrNull(finishReason)}}}]}""";

    private static string UsageChunk(int promptTokens, int completionTokens) =>
        $$"""{{{Head}},"object":"chat.completion.chunk","choices":[],"usage":{{Usage(promptTokens, completionTokens)}}}""";

    private static string Usage(int promptTokens, int completionTokens) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"prompt_tokens\":{promptTokens},\"completion_tokens\":{completionTokens},\"total_tokens\":{promptTokens + completionTokens}}}");
}
