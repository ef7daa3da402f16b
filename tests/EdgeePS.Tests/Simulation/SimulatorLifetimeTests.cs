using EdgeePS.Simulation;
using EdgeePS.Tests.Cmdlets;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Simulation;

/// <summary>Several simulators, concurrent requests from parallel runspaces, cancellation, and when simulators stop by themselves.</summary>
public sealed class SimulatorLifetimeTests : SimulatorTestBase
{
    private const int Parallel = 12;

    public SimulatorLifetimeTests(SessionFixture fixture) : base(fixture)
    {
    }

    private static string Manifest => "'" + ModulePaths.ManifestPath.Replace("'", "''") + "'";

    [Fact]
    public void SeveralSimulatorsRunAtOnceEachWithItsOwnQueueAndRequests()
    {
        var lines = Lines("""
            $first = Start-EdgeeSimulator
            $second = Start-EdgeeSimulator
            try {
                $first.BaseUrl -ne $second.BaseUrl
                $first | Add-EdgeeSimulatorResponse -Text 'from the first'
                $second | Add-EdgeeSimulatorResponse -Text 'from the second'
                (Send-EdgeeCompletion gpt-5.2 'x' -ApiKey 'k' -BaseUrl $second).Text
                (Send-EdgeeCompletion gpt-5.2 'x' -ApiKey 'k' -BaseUrl $first).Text
                "$(@($first.Requests).Count) $(@($second.Requests).Count) $(@($simulator.Requests).Count)"
            }
            finally {
                $first, $second | Stop-EdgeeSimulator
            }
            """);

        Assert.Equal(["True", "from the second", "from the first", "1 1 0"], lines);
    }

    [Fact]
    public void RequestsFromForEachObjectParallelAreEachAnsweredAndRecorded()
    {
        // No answer starts before every runspace's request has arrived, so they are in flight at once: on a loaded
        // machine the runspaces could otherwise take turns, one connection after another.
        var arrived = 0;
        var everyoneArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Simulator.Gateway.Route(request =>
        {
            if (Interlocked.Increment(ref arrived) == Parallel)
            {
                everyoneArrived.TrySetResult();
            }

            var prompt = request.Json!.Value.GetProperty("messages")[0].GetProperty("content").GetString();
            return ScriptedResponse.EventStream()
                .WaitFor(everyoneArrived.Task)
                .Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk(DefaultGateway.EchoPrefix + prompt, "stop")))
                .Write(ScriptedResponse.SseEvent("[DONE]"));
        });

        var lines = Lines($$"""
            $manifest = {{Manifest}}
            $replies = 1..{{Parallel}} | ForEach-Object -ThrottleLimit {{Parallel}} -Parallel {
                Import-Module $using:manifest -ErrorAction Stop
                $text = -join (Invoke-EdgeeStream gpt-5.2 "runspace $_" -ApiKey 'k' -BaseUrl $using:simulator.BaseUrl | ForEach-Object Text)
                "$_|$text"
            }
            @($replies | Where-Object { $_ -eq "$($_.Split('|')[0])|You said: runspace $($_.Split('|')[0])" }).Count
            @($simulator.Requests).Count
            """, TimeSpan.FromMinutes(2));

        Assert.Equal([Parallel.ToString(), Parallel.ToString()], lines);
        Assert.Equal(Parallel, Simulator.Gateway.Requests.Select(request => request.ConnectionId).Distinct().Count());
    }

    [Fact]
    public void QueuedAnswersGoToParallelRequestsOneEach()
    {
        var lines = Lines($$"""
            $manifest = {{Manifest}}
            $simulator | Add-EdgeeSimulatorResponse -Text 'scripted' -ChunkDelayMs 20 -Count {{Parallel}}
            $replies = 1..{{Parallel}} | ForEach-Object -ThrottleLimit {{Parallel}} -Parallel {
                Import-Module $using:manifest -ErrorAction Stop
                -join (Invoke-EdgeeStream gpt-5.2 'x' -ApiKey 'k' -BaseUrl $using:simulator.BaseUrl | ForEach-Object Text)
            }
            @($replies | Where-Object { $_ -eq 'scripted' }).Count
            $simulator.QueuedResponses
            """, TimeSpan.FromMinutes(2));

        Assert.Equal([Parallel.ToString(), "0"], lines);
    }

    [Fact]
    public async Task CtrlCStopsAStreamAgainstItAndTheSimulatorSeesTheClientLeave()
    {
        Lines("$simulator | Add-EdgeeSimulatorResponse -Text 'one two three' -StallAfter 2 -StallSec 120");
        var pipeline = Session.Start("Invoke-EdgeeStream gpt-5.2 'x' | ForEach-Object Text", timeout: Patience);
        await pipeline.WaitForOutputAsync(2, Patience);

        pipeline.Stop();
        var result = await pipeline.Completion.WaitAsync(Patience);

        Assert.True(result.Stopped);
        Assert.Empty(result.Errors);
        var request = Simulator.Gateway.Requests.Single();
        await request.ClientDisconnected.WaitAsync(Patience);
        await request.ResponseFinished.WaitAsync(Patience);
    }

    [Fact]
    public void SimulatorsStartedInAParallelRunspaceStopWhenItCloses()
    {
        var addresses = Lines($$"""
            $manifest = {{Manifest}}
            1..2 | ForEach-Object -Parallel {
                Import-Module $using:manifest -ErrorAction Stop
                $started = Start-EdgeeSimulator
                # Still answering inside the runspace that started it.
                $null = Send-EdgeeCompletion gpt-5.2 'x' -ApiKey 'k' -BaseUrl $started -ErrorAction Stop
                $started.BaseUrl
            }
            """, TimeSpan.FromMinutes(1));

        Assert.Equal(2, addresses.Count);
        Assert.All(addresses, address => Assert.False(SimulatorCommandTests.AcceptsConnections(address), $"{address} still listens."));
    }

    [Fact]
    public void RemovingTheModuleStopsTheSimulatorsOfThatRunspaceOnly()
    {
        using var other = new PowerShellSession();
        var theirs = (Simulator)other.Run("Start-EdgeeSimulator").EnsureSuccess().Output.Single().BaseObject;
        try
        {
            var lines = Lines($$"""
                $mine = Start-EdgeeSimulator
                Remove-Module EdgeePS
                try { $mine.Running } finally { Import-Module {{Manifest}} -ErrorAction Stop }
                $mine.BaseUrl
                """);

            Assert.Equal("False", lines[0]);
            Assert.False(SimulatorCommandTests.AcceptsConnections(lines[1]));
            Assert.False(Simulator.Running);
            Assert.True(theirs.Running);
            Assert.True(SimulatorCommandTests.AcceptsConnections(theirs.BaseUrl));
        }
        finally
        {
            other.Run("Stop-EdgeeSimulator $theirs", new Dictionary<string, object?> { ["theirs"] = theirs });
        }
    }
}
