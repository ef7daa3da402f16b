using System.Text.Json;

namespace EdgeePS.Simulator;

/// <summary>What the simulator answers when no test scripted the request: a small, well-behaved gateway.</summary>
internal static class DefaultGateway
{
    public const string ChatCompletionsPath = "/v1/chat/completions";
    public const string ModelsPath = "/v1/models";

    private const string DefaultModel = "gpt-5.2";
    private const string ReplyPrefix = "Hello from the EdgeePS gateway simulator. You said: ";
    private static readonly TimeSpan WordInterval = TimeSpan.FromMilliseconds(30);

    private const string ModelList =
        """{"object":"list","data":[""" +
        """{"id":"gpt-5.2","object":"model","created":1700000000,"owned_by":"openai"},""" +
        """{"id":"gpt-5-mini","object":"model","created":1700000000,"owned_by":"openai"},""" +
        """{"id":"claude-sonnet-4.5","object":"model","created":1700000000,"owned_by":"anthropic"},""" +
        """{"id":"mistral-large","object":"model","created":1700000000,"owned_by":"mistral"}""" +
        "]}";

    public static ScriptedResponse Respond(string method, string path, RecordedRequest request)
    {
        var isChat = path == ChatCompletionsPath;
        var isModels = path == ModelsPath;
        if (!isChat && !isModels)
        {
            return ScriptedResponse.Error(404, "not_found_error", $"No route for {method} {path}", "not_found");
        }
        var expectedMethod = isChat ? "POST" : "GET";
        if (!string.Equals(method, expectedMethod, StringComparison.OrdinalIgnoreCase))
        {
            return ScriptedResponse.Error(405, "invalid_request_error", $"{path} accepts {expectedMethod} only");
        }
        if (!HasBearerToken(request))
        {
            return ScriptedResponse.Error(401, "authentication_error", "Missing or invalid API key", "unauthorized");
        }
        return isModels ? Succeeded(ScriptedResponse.Json(200, ModelList)) : ChatCompletion(request);
    }

    private static ScriptedResponse ChatCompletion(RecordedRequest request)
    {
        if (request.Json is not { ValueKind: JsonValueKind.Object } body)
        {
            return ScriptedResponse.Error(400, "invalid_request_error", "The request body is not a JSON object", "invalid_json");
        }
        var model = body.TryGetProperty("model", out var modelElement) && modelElement.ValueKind == JsonValueKind.String
            ? modelElement.GetString()!
            : DefaultModel;
        var reply = ReplyPrefix + LastUserMessage(body);
        var promptTokens = Math.Max(1, CountPromptWords(body));

        if (!IsTrue(body, "stream"))
        {
            return Succeeded(ScriptedResponse.Json(200, ScriptedResponse.CompletionJson(reply, model, promptTokens)));
        }

        var words = SplitKeepingSpaces(reply);
        var stream = Succeeded(ScriptedResponse.Status(200))
            .Header("Content-Type", "text/event-stream")
            .Header("Cache-Control", "no-cache")
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.RoleChunk()));
        foreach (var word in words)
        {
            stream.Delay(WordInterval).Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk(word, model: model)));
        }
        stream.Write(ScriptedResponse.SseEvent(ScriptedResponse.FinishChunk("stop", model: model)));
        if (body.TryGetProperty("stream_options", out var options) && options.ValueKind == JsonValueKind.Object && IsTrue(options, "include_usage"))
        {
            stream.Write(ScriptedResponse.SseEvent(ScriptedResponse.UsageChunk(promptTokens, words.Count, model: model)));
        }
        return stream.Write(ScriptedResponse.SseEvent("[DONE]"));
    }

    private static ScriptedResponse Succeeded(ScriptedResponse response) => response.Header("X-Edgee-Provider", "openai");

    private static bool HasBearerToken(RecordedRequest request)
    {
        const string scheme = "Bearer ";
        return request.Headers.TryGetValue("Authorization", out var value)
            && value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && !string.IsNullOrWhiteSpace(value[scheme.Length..]);
    }

    private static bool IsTrue(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.True;

    private static string LastUserMessage(JsonElement body)
    {
        var text = string.Empty;
        foreach (var message in Messages(body))
        {
            if (message.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String && role.GetString() == "user")
            {
                text = ContentText(message);
            }
        }
        return text;
    }

    private static int CountPromptWords(JsonElement body) =>
        Messages(body).Sum(message => ScriptedResponse.CountWords(ContentText(message)));

    private static IEnumerable<JsonElement> Messages(JsonElement body) =>
        body.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array
            ? messages.EnumerateArray().Where(message => message.ValueKind == JsonValueKind.Object)
            : [];

    private static string ContentText(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var content))
        {
            return string.Empty;
        }
        return content.ValueKind == JsonValueKind.String ? content.GetString()! : content.GetRawText();
    }

    /// <summary>"a b c" becomes "a", " b", " c", so the streamed pieces join back into the exact reply.</summary>
    private static List<string> SplitKeepingSpaces(string text)
    {
        var words = text.Split(' ');
        return words.Select((word, index) => index == 0 ? word : " " + word).ToList();
    }
}
