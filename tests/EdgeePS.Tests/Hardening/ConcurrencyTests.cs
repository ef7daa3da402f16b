using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using EdgeePS.Simulation;
using EdgeePS.Tests.Cmdlets;
using EdgeePS.Tests.Infrastructure;

namespace EdgeePS.Tests.Hardening;

/// <summary>
/// Concurrency (issue 3): 16 streams at once from ForEach-Object -Parallel, each with its own scripted content, must
/// each get exactly their own text over one shared HttpClient whose connections are reused, not exhausted; and the
/// module's process-wide state (session configuration, client cache, model catalog) must hold up under parallel
/// runspaces. Parallel runspaces start without the module, so each block imports it.
/// </summary>
public sealed partial class ConcurrencyTests : HardeningTestBase
{
    private const int Streams = 16;
    private const int ChunksPerStream = 30;
    private static readonly TimeSpan BarrierPatience = TimeSpan.FromSeconds(30);

    public ConcurrencyTests(SessionFixture fixture) : base(fixture)
    {
    }

    private static string Manifest => "'" + ModulePaths.ManifestPath.Replace("'", "''") + "'";

    [Fact]
    public void SixteenParallelStreamsEachGetExactlyTheirOwnTextOverReusedConnections()
    {
        var barriers = new[] { new StreamBarrier(Streams), new StreamBarrier(Streams) };
        Gateway.Route(request => PromptNumbers().Match(request.Body) is { Success: true } match
            ? OwnStream(int.Parse(match.Groups["wave"].Value), int.Parse(match.Groups["stream"].Value), barriers[int.Parse(match.Groups["wave"].Value)])
            : null);

        var result = Run($$"""
            $manifest = {{Manifest}}
            foreach ($wave in 0, 1) {
                1..{{Streams}} | ForEach-Object -ThrottleLimit {{Streams}} -Parallel {
                    Import-Module $using:manifest -ErrorAction Stop
                    $text = -join (Invoke-EdgeeStream gpt-5.2 "wave $($using:wave) stream $_" -ApiKey $using:EdgeeTestKey -BaseUrl $using:EdgeeTestBase | ForEach-Object Text)
                    "$($using:wave)|$_|$text"
                }
            }
            """, TimeSpan.FromMinutes(2));

        result.EnsureSuccess();
        Assert.True(barriers.All(barrier => barrier.AllArrived), $"Not all {Streams} streams of a wave were open at the same time (arrivals: {string.Join(", ", barriers.Select(b => b.Arrived))}).");
        var texts = result.Output.Select(item => item.ToString().Split('|')).ToDictionary(parts => (int.Parse(parts[0]), int.Parse(parts[1])), parts => parts[2]);
        Assert.Equal(2 * Streams, texts.Count);
        foreach (var ((wave, stream), text) in texts)
        {
            Assert.Equal(ExpectedText(wave, stream), text);
        }

        // One shared client: the second wave's requests ride the first wave's connections instead of opening new ones.
        var requests = Gateway.Requests;
        var firstWave = requests.Where(request => request.Body.Contains("wave 0 ")).Select(request => request.ConnectionId).ToHashSet();
        var secondWave = requests.Where(request => request.Body.Contains("wave 1 ")).Select(request => request.ConnectionId).ToHashSet();
        Assert.Equal(Streams, firstWave.Count);
        Assert.True(secondWave.IsSubsetOf(firstWave), $"The second wave opened {secondWave.Except(firstWave).Count()} new connection(s) instead of reusing the first wave's.");
        Assert.True(requests.Select(request => request.ConnectionId).Distinct().Count() <= Streams, "More connections than concurrent streams.");
    }

    [Fact]
    public void SequentialStreamsInOneRunspaceReuseOneConnection()
    {
        for (var index = 0; index < 5; index++)
        {
            Gateway.Enqueue(Stream($"reply {index}"));
        }

        var result = Run("1..5 | ForEach-Object { Invoke-EdgeeStream gpt-5.2 \"prompt $_\" | ForEach-Object Text }");

        Assert.Equal(Enumerable.Range(0, 5).Select(index => $"reply {index}"), result.EnsureSuccess().Output.Select(item => item.ToString()));
        Assert.Single(Gateway.Requests.Select(request => request.ConnectionId).Distinct());
    }

    [Fact]
    public void SessionConfigurationStaysInItsOwnRunspaceUnderParallelUse()
    {
        var requests = new ConcurrentBag<RecordedRequest>();
        Gateway.Route(request =>
        {
            requests.Add(request);
            return PromptRunspace().Match(request.Body) is { Success: true } match ? Stream("reply " + match.Groups["n"].Value) : null;
        });

        var result = Run($$"""
            $manifest = {{Manifest}}
            1..{{Streams}} | ForEach-Object -ThrottleLimit {{Streams}} -Parallel {
                Import-Module $using:manifest -ErrorAction Stop
                $n = $_
                foreach ($round in 1..3) {
                    Connect-Edgee -ApiKey "key-$n" -BaseUrl $using:EdgeeTestBase -Tag "tag-$n" -RetryIntervalSec 0
                    $text = -join (Invoke-EdgeeStream gpt-5.2 "runspace $n round $round" | ForEach-Object Text)
                    $configuration = Get-EdgeeConfiguration
                    "$n|$text|$($configuration.Tags -join ',')|$($configuration.ApiKeySource)"
                }
            }
            $mine = Get-EdgeeConfiguration
            "main|$($mine.ApiKeySource)|$($mine.BaseUrlSource)|$($mine.Tags -join ',')"
            """, TimeSpan.FromMinutes(2));

        var lines = result.EnsureSuccess().Output.Select(item => item.ToString()).ToList();
        var main = lines.Single(line => line.StartsWith("main|", StringComparison.Ordinal)).Split('|');
        Assert.NotEqual("Session", main[1]);
        Assert.NotEqual("Session", main[2]);
        Assert.Equal(string.Empty, main[3]);
        var parallel = lines.Where(line => !line.StartsWith("main|", StringComparison.Ordinal)).Select(line => line.Split('|')).ToList();
        Assert.Equal(Streams * 3, parallel.Count);
        Assert.All(parallel, parts => Assert.Equal(("reply " + parts[0], "tag-" + parts[0], "Session"), (parts[1], parts[2], parts[3])));

        // What reached the gateway: each runspace's requests carry that runspace's key and tag, never another's.
        Assert.Equal(Streams * 3, requests.Count);
        Assert.All(requests, request =>
        {
            var n = PromptRunspace().Match(request.Body).Groups["n"].Value;
            Assert.Equal("Bearer key-" + n, request.Headers["Authorization"]);
            var tags = request.Json!.Value.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()).ToList();
            Assert.Equal(["tag-" + n], tags);
        });
    }

    [Fact]
    public void ModelListingAndItsCacheHoldUpUnderParallelRunspaces()
    {
        var result = Run($$"""
            $manifest = {{Manifest}}
            1..{{Streams}} | ForEach-Object -ThrottleLimit {{Streams}} -Parallel {
                Import-Module $using:manifest -ErrorAction Stop
                foreach ($round in 1..5) {
                    (Get-EdgeeModel -ApiKey $using:EdgeeTestKey -BaseUrl $using:EdgeeTestBase | ForEach-Object Id) -join ','
                }
            }
            """, TimeSpan.FromMinutes(2));

        var lines = result.EnsureSuccess().Output.Select(item => item.ToString()).ToList();
        Assert.Equal(Streams * 5, lines.Count);
        Assert.All(lines, line => Assert.Equal("gpt-5.2,gpt-5-mini,claude-sonnet-4.5,mistral-large", line));
    }

    private static string ExpectedText(int wave, int stream) =>
        string.Concat(Enumerable.Range(0, ChunksPerStream).Select(index => $"w{wave}s{stream}c{index} "));

    /// <summary>
    /// The stream of one parallel request: its first chunk, then a wait until every stream of its wave is open (so
    /// they truly overlap), then the rest with short pauses that interleave the streams.
    /// </summary>
    private static ScriptedResponse OwnStream(int wave, int stream, StreamBarrier barrier)
    {
        barrier.Arrive();
        var response = EventStreamHeaders();
        for (var index = 0; index < ChunksPerStream; index++)
        {
            response.Write(ScriptedResponse.SseEvent(ScriptedResponse.ContentChunk($"w{wave}s{stream}c{index} ")));
            if (index == 0)
            {
                response.WaitFor(barrier.WaitAsync(BarrierPatience));
            }
            else if (index % 5 == 0)
            {
                response.Delay(TimeSpan.FromMilliseconds(3));
            }
        }
        return response.Write("data: [DONE]\n\n");
    }

    [GeneratedRegex(@"wave (?<wave>\d+) stream (?<stream>\d+)")]
    private static partial Regex PromptNumbers();

    [GeneratedRegex(@"runspace (?<n>\d+) round")]
    private static partial Regex PromptRunspace();
}
