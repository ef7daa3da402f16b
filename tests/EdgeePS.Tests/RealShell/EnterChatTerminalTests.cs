using System.Management.Automation;
using System.Text.Json;
using EdgeePS.Simulation;
using EdgeePS.Tests.Core;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.RealShell;

/// <summary>
/// Enter-EdgeeChat at an interactive console: the real engine hosted by a console that types lines when the engine
/// reads one and presses Ctrl+C as a key (through its RawUI, as a console that takes Ctrl+C as input delivers it),
/// so the chat reads its lines from the host and watches the host's keys, as it does in pwsh in a terminal.
/// </summary>
public sealed class EnterChatTerminalTests : IAsyncLifetime
{
    private const string StoryEnd = "THE-END";
    private static readonly TimeSpan StoryChunkDelay = TimeSpan.FromMilliseconds(250);

    private GatewaySimulator _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewaySimulator.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task TypedLinesStreamInControlCStopsOneAnswerAndTheChatGoesOnUntilExit()
    {
        // First answer: its second half is held back until the test has seen the first half on the console.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _gateway.Enqueue(ScriptedResponse.Status(200)
            .Header("Content-Type", "text/event-stream")
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.RoleChunk()))
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("Hello, ")))
            .WaitFor(release.Task)
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("world.")))
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.FinishChunk()))
            .Write("data: [DONE]\n\n"));
        // Second answer: forty words, a quarter of a second apart, so about ten seconds unless stopped.
        var story = new SimulatedAnswer
        {
            Texts = [string.Join(" ", Enumerable.Range(1, 39).Select(word => $"word{word}").Append(StoryEnd))],
            ChunkDelay = StoryChunkDelay,
        };
        _gateway.Enqueue(story.RespondTo);
        _gateway.Enqueue(new SimulatedAnswer { Texts = ["Yes, still here."] }.RespondTo);

        var keyboard = new TypingKeyboard("Hi", "Tell me a long story", "Still there?", "/exit", "never read");
        var host = new RecordingHost(keyboard: keyboard);
        keyboard.PressControlCWhen(() => host.Console.Screen.Contains("word2 "));
        using var session = new PowerShellSession(host: host);

        var pipeline = session.Start(
            "Enter-EdgeeChat gpt-5.2 -PassThru -ApiKey k -BaseUrl $base -MaximumRetryCount 0",
            new Dictionary<string, object?> { ["base"] = _gateway.BaseUrl.ToString() },
            timeout: TimeSpan.FromSeconds(60));

        // The first answer's first words are on the console while the rest has not been sent yet.
        try
        {
            await Eventually.WaitUntilAsync(
                () => host.Console.Screen.EndsWith("> Hi\nHello, "), TimeSpan.FromSeconds(20), () => $"The console shows:\n{host.Console.Screen}");
        }
        finally
        {
            release.TrySetResult();
        }

        var result = await pipeline.Completion;
        var screen = host.Console.Screen;

        Assert.Null(result.TerminatingError);
        Assert.Empty(result.Errors);
        Assert.StartsWith("Chatting with gpt-5.2 (/exit leaves, /reset starts over, /save <path> writes the messages; Ctrl+C stops an answer).\n", screen);
        Assert.Contains("> Hi\nHello, world.\n", screen);
        Assert.Contains("> Tell me a long story\nword1 word2 ", screen);
        Assert.Contains("[stopped]\n", screen);
        Assert.DoesNotContain(StoryEnd, screen);
        Assert.EndsWith("> Still there?\nYes, still here.\n> /exit\n", screen);

        // Ctrl+C was read as a key during the story, and the next line was asked for long before the story would end.
        var controlC = Assert.NotNull(keyboard.ControlCReadAt);
        var nextLine = keyboard.LinesRead.Single(read => read.Line == "Still there?").At;
        Assert.True(nextLine > controlC, "the next line was read before Ctrl+C");
        Assert.True(nextLine - controlC < TimeSpan.FromSeconds(3), $"the chat asked for the next line {nextLine - controlC} after Ctrl+C");
        Assert.True(StoryChunkDelay * 35 > TimeSpan.FromSeconds(3), "the story must last far longer than the bound above");

        // /exit left the chat: the line after it was never read, and three requests were sent, not four.
        Assert.Equal(["Hi", "Tell me a long story", "Still there?", "/exit"], keyboard.LinesRead.Select(read => read.Line));
        Assert.Equal(1, keyboard.LinesLeft);
        var chatRequests = _gateway.Requests.Where(request => request.Path.EndsWith("/chat/completions")).ToList();
        Assert.Equal(3, chatRequests.Count);

        // The stopped turn is not part of the conversation: neither the last request nor the chat has it.
        var lastMessages = JsonDocument.Parse(chatRequests[2].Body).RootElement.GetProperty("messages").EnumerateArray()
            .Select(message => $"{message.GetProperty("role").GetString()}: {message.GetProperty("content").GetString()}");
        Assert.Equal(["user: Hi", "assistant: Hello, world.", "user: Still there?"], lastMessages);
        var chat = Assert.IsType<Chat>(Assert.Single(result.Output).BaseObject);
        Assert.Equal(
            ["user: Hi", "assistant: Hello, world.", "user: Still there?", "assistant: Yes, still here."],
            chat.Messages.Select(message => $"{message.Role}: {message.Content}"));
    }
}
