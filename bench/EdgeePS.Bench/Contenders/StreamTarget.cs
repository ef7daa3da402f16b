namespace EdgeePS.Bench.Contenders;

/// <summary>One stream to read: the server, the model name that selects the stream, and how many content chunks it carries.</summary>
public sealed record StreamTarget(Uri ServerUrl, string Model, int Chunks)
{
    public Uri ChatCompletionsUrl => new(ServerUrl, "/v1/chat/completions");

    /// <summary>The request body every contender sends, whichever way it builds it.</summary>
    public string RequestJson =>
        "{\"model\":\"" + Model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + Shared.BenchSettings.Prompt + "\"}],\"stream\":true}";
}
