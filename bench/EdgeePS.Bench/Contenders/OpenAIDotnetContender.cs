using System.ClientModel;
using OpenAI;
using OpenAI.Chat;

namespace EdgeePS.Bench.Contenders;

/// <summary>openai-dotnet: the official OpenAI package's streaming chat, what a .NET user would pick instead of EdgeePS.</summary>
public sealed class OpenAIDotnetContender : IContender
{
    private readonly OpenAIClient client;

    public OpenAIDotnetContender(Uri serverUrl)
    {
        client = new OpenAIClient(
            new ApiKeyCredential(Shared.BenchSettings.ApiKey),
            new OpenAIClientOptions { Endpoint = new Uri(serverUrl, "/v1") });
    }

    public void Consume(StreamTarget target)
    {
        long contentChars = 0;
        foreach (var update in Stream(target))
        {
            if (update.ContentUpdate.Count > 0)
            {
                contentChars += update.ContentUpdate[0].Text.Length;
            }
        }
    }

    public void Deliver(StreamTarget target, DeliveryRecorder recorder)
    {
        recorder.Start();
        foreach (var update in Stream(target))
        {
            recorder.Record(update.ContentUpdate.Count > 0 ? update.ContentUpdate[0].Text : null);
        }
    }

    public void Dispose()
    {
    }

    // The synchronous API, as a PowerShell host would call it: the caller's thread reads the stream.
    private CollectionResult<StreamingChatCompletionUpdate> Stream(StreamTarget target) =>
        client.GetChatClient(target.Model).CompleteChatStreaming([new UserChatMessage(Shared.BenchSettings.Prompt)]);
}
