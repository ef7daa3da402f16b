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
    public void TheTextCanBeRedirectedLikeWriteHostOutput()
    {
        _gateway.Enqueue(ScriptedResponse.Sse(ScriptedResponse.ContentChunk("captured")));

        var result = Run("$text = Invoke-EdgeeStream gpt-5.2 'Hi' | Show-EdgeeStream 6>&1; -join ($text | ForEach-Object { \"$_\" })");

        Assert.Equal("captured", Assert.Single(result.Output).ToString());
    }
}
