using EdgeePS.Simulation;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Cmdlets;

public sealed class ShowStreamTests : IClassFixture<HostSessionFixture>, IAsyncLifetime
{
    private readonly HostSessionFixture _fixture;
    private GatewaySimulator _gateway = null!;

    public ShowStreamTests(HostSessionFixture fixture) => _fixture = fixture;

    public async Task InitializeAsync() => _gateway = await GatewaySimulator.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private PowerShellResult Run(string script) => _fixture.Session.Run(
        "$PSDefaultParameterValues = @{ '*-Edgee*:ApiKey' = 'k'; '*-Edgee*:BaseUrl' = $base }\n" + script,
        new Dictionary<string, object?> { ["base"] = _gateway.BaseUrl.ToString() });

    [Fact]
    public async Task TextFlowsOntoTheConsoleAsOneParagraphAsItArrives()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _gateway.Enqueue(ScriptedResponse.Status(200)
            .Header("Content-Type", "text/event-stream")
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("Hello, ")))
            .WaitFor(release.Task)
            .Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk("world.")))
            .Write("data: [DONE]\n\n"));
        var before = _fixture.Host.Console.Screen;

        var pipeline = _fixture.Session.Start(
            "Invoke-EdgeeStream gpt-5.2 'Hi' -ApiKey k -BaseUrl $base | Show-EdgeeStream",
            new Dictionary<string, object?> { ["base"] = _gateway.BaseUrl.ToString() });
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!_fixture.Host.Console.Screen.EndsWith("Hello, ") && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            Assert.EndsWith("Hello, ", _fixture.Host.Console.Screen);
        }
        finally
        {
            release.TrySetResult();
        }

        var result = await pipeline.Completion;
        Assert.Empty(result.Output);
        Assert.Equal("Hello, world.\n", _fixture.Host.Console.Screen.Substring(before.Length));
    }

    [Fact]
    public void PassThruKeepsTheObjectsAndEachStreamGetsItsOwnLine()
    {
        _gateway.Route(request => ScriptedResponse.Sse(
            ScriptedResponse.ContentChunk("re:", id: request.Body.Contains("one") ? "a" : "b"),
            ScriptedResponse.ContentChunk(request.Body.Contains("one") ? "one" : "two", id: request.Body.Contains("one") ? "a" : "b")));
        var before = _fixture.Host.Console.Screen;

        var result = Run("'one', 'two' | Invoke-EdgeeStream gpt-5.2 | Show-EdgeeStream -PassThru | ForEach-Object { $_.GetType().Name }");

        Assert.Equal(Enumerable.Repeat("StreamChunk", 4), result.Output.Select(item => item.ToString()));
        Assert.Equal("re:one\nre:two\n", _fixture.Host.Console.Screen.Substring(before.Length));
    }

    [Fact]
    public void ReasoningIsShownOnlyWhenAskedFirstAndAsAParagraphOfItsOwnAndNeverInThePassedText()
    {
        var body = new[]
        {
            """{"id":"r","choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"The pod "}}]}""",
            """{"id":"r","choices":[{"index":0,"delta":{"reasoning":"ran out of memory."}}]}""",
            ScriptedResponse.ContentChunk("Raise the limit.", id: "r"),
            ScriptedResponse.FinishChunk(id: "r"),
        };
        _gateway.Route(_ => ScriptedResponse.Sse(body));
        var before = _fixture.Host.Console.Screen;

        var plain = Run("Invoke-EdgeeStream gpt-5.2 'Why?' | Show-EdgeeStream");
        var afterPlain = _fixture.Host.Console.Screen;
        var withReasoning = Run("Invoke-EdgeeStream gpt-5.2 'Why?' | Show-EdgeeStream -IncludeReasoning -PassThru | ForEach-Object Text");

        Assert.Empty(plain.Output);
        Assert.Equal("Raise the limit.\n", afterPlain.Substring(before.Length));
        // This console claims no ANSI support: the reasoning is set apart by layout alone.
        Assert.Equal("The pod ran out of memory.\n\nRaise the limit.\n", _fixture.Host.Console.Screen.Substring(afterPlain.Length));
        Assert.Equal("Raise the limit.", string.Concat(withReasoning.Output.Select(item => item.ToString())));
    }

    [Fact]
    public async Task OnAConsoleThatRendersAnsiTheReasoningIsDimmed()
    {
        var host = new RecordingHost(supportsVirtualTerminal: true);
        using var session = new PowerShellSession(host: host);
        _gateway.Enqueue(ScriptedResponse.Sse(
            """{"choices":[{"index":0,"delta":{"reasoning_content":"Thinking."}}]}""",
            ScriptedResponse.ContentChunk("Answer.")));
        var variables = new Dictionary<string, object?> { ["base"] = _gateway.BaseUrl.ToString() };

        var result = await session.RunAsync("""
            $rendering = $PSStyle.OutputRendering
            try {
                $PSStyle.OutputRendering = 'Host'
                Invoke-EdgeeStream gpt-5.2 'Hi' -ApiKey k -BaseUrl $base | Show-EdgeeStream -IncludeReasoning
            }
            finally { $PSStyle.OutputRendering = $rendering }
            """, variables);

        result.EnsureSuccess();
        Assert.Equal("\u001b[2mThinking.\u001b[22m\n\nAnswer.\n", host.Console.Screen);
    }

    [Fact]
    public void AWholeAnswersReasoningIsShownBeforeItsText()
    {
        _gateway.Enqueue(ScriptedResponse.Json(200,
            """{"id":"w","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Yes.","reasoning_content":"Check first."},"finish_reason":"stop"}]}"""));
        var before = _fixture.Host.Console.Screen;

        Run("Send-EdgeeCompletion gpt-5.2 'Hi' | Show-EdgeeStream -IncludeReasoning").EnsureSuccess();

        Assert.Equal("Check first.\n\nYes.\n", _fixture.Host.Console.Screen.Substring(before.Length));
    }

    [Fact]
    public void TheTextCanBeRedirectedLikeWriteHostOutput()
    {
        _gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("captured")));

        var result = Run("$text = Invoke-EdgeeStream gpt-5.2 'Hi' | Show-EdgeeStream 6>&1; -join ($text | ForEach-Object { \"$_\" })");

        Assert.Equal("captured", Assert.Single(result.Output).ToString());
    }
}
