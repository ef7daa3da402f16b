using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using EdgeePS.Tests.Cmdlets;

namespace EdgeePS.Tests.Simulation;

/// <summary>Start-EdgeeSimulator, Get-EdgeeSimulatorRequest and Stop-EdgeeSimulator, and what the simulator answers unscripted.</summary>
public sealed class SimulatorCommandTests : SimulatorTestBase
{
    public SimulatorCommandTests(SessionFixture fixture) : base(fixture)
    {
    }

    [Fact]
    public void StartReturnsARunningLoopbackSimulatorAndConnectPointsTheSessionAtIt()
    {
        var lines = Lines("""
            $simulator.GetType().FullName
            $simulator.Running
            $configuration = Get-EdgeeConfiguration
            $configuration.BaseUrl -eq $simulator.BaseUrl
            $configuration.BaseUrlSource
            $configuration.ApiKeySource
            -join (Invoke-EdgeeStream gpt-5.2 'ping pong' | ForEach-Object Text)
            """);

        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", Simulator.BaseUrl);
        Assert.Equal(["EdgeePS.Simulator", "True", "True", "Session", "Session", "You said: ping pong"], lines);
    }

    [Fact]
    public void WithoutConnectTheSessionIsLeftAloneAndTheSimulatorObjectServesAsTheBaseUrl()
    {
        var lines = Lines("""
            Disconnect-Edgee
            $other = Start-EdgeeSimulator
            try {
                (Get-EdgeeConfiguration).BaseUrlSource
                (Send-EdgeeCompletion gpt-5.2 'hello' -ApiKey 'any-key' -BaseUrl $other).Text
                @($other.Requests).Count
                @($simulator.Requests).Count
            }
            finally {
                Stop-EdgeeSimulator $other
            }
            """);

        Assert.Equal(["Default", "You said: hello", "1", "0"], lines);
    }

    [Fact]
    public async Task UnscriptedRequestsGetTheEchoTheModelListingAndA401WithoutAKey()
    {
        var lines = Lines("""
            $reply = Send-EdgeeCompletion gpt-5.2 @{ messages = @(@{ role = 'system'; content = 'Be brief.' }, @{ role = 'user'; content = 'first' }, @{ role = 'assistant'; content = 'ok' }, @{ role = 'user'; content = 'second one' }) }
            $reply.Text
            $reply.Provider
            "$($reply.Usage.PromptTokens) $($reply.Usage.CompletionTokens) $($reply.Usage.TotalTokens)"
            $chunks = @(Invoke-EdgeeStream gpt-5-mini @{ messages = @(@{ role = 'user'; content = 'ping' }); stream_options = @{ include_usage = $true } })
            $chunks[0].Role
            $chunks[-2].FinishReason
            $chunks[-1].Usage.TotalTokens
            $chunks[-1].Model
            (Get-EdgeeModel).Id -join ','
            """);

        Assert.Equal(
            ["You said: second one", "openai", "6 4 10", "assistant", "stop", "4", "gpt-5-mini", "gpt-5.2,gpt-5-mini,claude-sonnet-4.5,mistral-large"],
            lines);
        var (anonymous, body) = await PostChatAsync("""{"model":"gpt-5.2","messages":[]}""", key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("\"type\":\"authentication_error\"", body);
    }

    [Fact]
    public void GetEdgeeSimulatorRequestReturnsTheRequestsInOrderWithHeadersBodyAndParsedBody()
    {
        var lines = Lines("""
            $null = Send-EdgeeCompletion gpt-5.2 'first' -Tag nightly
            $null = Invoke-EdgeeStream claude-sonnet-4.5 'second'
            $all = @(Get-EdgeeSimulatorRequest $simulator)
            $all.Count
            $all[0].Method + ' ' + $all[0].Path
            $all[0].BodyObject.messages[0].content
            $all[0].BodyObject.tags[0]
            $all[0].BodyObject -is [System.Management.Automation.PSCustomObject]
            $all[0].Headers['authorization']
            $all[1].BodyObject.model
            $all[1].BodyObject.stream
            $all[1].Body.Contains('"stream":true')
            $last = @($simulator | Get-EdgeeSimulatorRequest -Last 1)
            $last.Count
            $last[0].BodyObject.messages[0].content
            @($simulator.Requests).Count
            """);

        Assert.Equal(
            ["2", "POST /v1/chat/completions", "first", "nightly", "True", "Bearer sk-edgee-simulator", "claude-sonnet-4.5", "True", "True", "1", "second", "2"],
            lines);
    }

    [Fact]
    public void StopStopsListeningClearsWhatConnectSetAndKeepsTheRequests()
    {
        var result = Run("""
            $null = Send-EdgeeCompletion gpt-5.2 'before'
            $address = $simulator.BaseUrl
            Stop-EdgeeSimulator $simulator
            $simulator.Running
            (Get-EdgeeConfiguration).BaseUrlSource
            @(Get-EdgeeSimulatorRequest $simulator).Count
            Stop-EdgeeSimulator $simulator
            'stopped twice'
            Send-EdgeeCompletion gpt-5.2 'after' -ApiKey 'k' -BaseUrl $address -MaximumRetryCount 0
            """);

        Assert.Equal(["False", "Default", "1", "stopped twice"], result.Output.Select(item => item.ToString()));
        Assert.Equal(["ConnectionFailed" + Send], ErrorIds(result));
        Assert.False(AcceptsConnections(Simulator.BaseUrl));
    }

    [Fact]
    public void StopLeavesTheSessionAloneWhenItWasConnectedElsewhereSince()
    {
        var lines = Lines("""
            Connect-Edgee -ApiKey 'sk-other' -BaseUrl 'http://127.0.0.1:9'
            Stop-EdgeeSimulator $simulator
            $configuration = Get-EdgeeConfiguration
            $configuration.BaseUrlSource
            $configuration.BaseUrl
            """);

        Assert.Equal(["Session", "http://127.0.0.1:9"], lines);
    }

    [Fact]
    public void StopWithWhatIfLeavesTheSimulatorRunning()
    {
        var lines = Lines("""
            Stop-EdgeeSimulator $simulator -WhatIf
            $simulator.Running
            (Send-EdgeeCompletion gpt-5.2 'still there').Text
            """);

        Assert.Equal(["True", "You said: still there"], lines);
    }

    [Fact]
    public void StartSaysWhereItListensWhenAskedToBeVerbose()
    {
        var result = Run("$verbose = Start-EdgeeSimulator -Verbose; Stop-EdgeeSimulator $verbose -Verbose; $verbose.BaseUrl").EnsureSuccess();

        var address = result.Output.Single().ToString();
        var narration = string.Join("\n", result.Verbose.Select(record => record.Message));
        Assert.Contains($"listens on {address}", narration);
        Assert.Contains($"{address} stopped after 0 request(s)", narration);
    }

    internal static bool AcceptsConnections(string baseUrl)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, new Uri(baseUrl).Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
