using System.Collections.Concurrent;
using EdgeePS.Streaming;
using EdgeePS.Tests.Core;
using Xunit.Abstractions;
using static EdgeePS.Tests.Core.SseTestKit;

namespace EdgeePS.Tests.Hardening;

/// <summary>
/// Fault injection against the core (issue 3): random bodies with malformed and error events at random places, cut,
/// broken or stalled at a random byte. Every run must end (bounded), must not crash, must deliver every event
/// completed before the fault in order, and must end with exactly the expected error. Seeded; failures name the seed.
/// </summary>
public sealed class FaultInjectionTests
{
    private const int Runs = 800;
    private static readonly TimeSpan StallIdleTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RelaxedIdleTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan NoHangBound = TimeSpan.FromSeconds(15);

    private readonly ITestOutputHelper output;

    public FaultInjectionTests(ITestOutputHelper output) => this.output = output;

    [Fact]
    public async Task EveryRunDeliversWhatPrecededTheFaultAndEndsWithTheExpectedError()
    {
        var failures = new ConcurrentBag<string>();
        var tally = new ConcurrentDictionary<string, int>();

        // Stalls each wait out an idle timeout; running seeds side by side keeps the whole test short.
        await Parallel.ForEachAsync(Enumerable.Range(1, Runs), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (seed, _) =>
        {
            try
            {
                var verdict = await RunOneAsync(seed).WaitAsync(NoHangBound);
                tally.AddOrUpdate(verdict, 1, (_, count) => count + 1);
            }
            catch (TimeoutException)
            {
                failures.Add($"seed {seed}: still running after {NoHangBound.TotalSeconds} s (a hang)");
            }
            catch (Exception error) when (error is FaultExpectationException)
            {
                failures.Add($"seed {seed}: {error.Message}");
            }
            catch (Exception error)
            {
                failures.Add($"seed {seed}: crashed with {error}");
            }
        });

        output.WriteLine($"{Runs} fault-injection runs (seeds 1..{Runs}): " + string.Join(", ", tally.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} ×{pair.Value}")));
        Assert.True(failures.IsEmpty, $"{failures.Count} run(s) failed; first ones:{Environment.NewLine}{string.Join(Environment.NewLine, failures.OrderBy(f => f).Take(5))}");
    }

    /// <summary>Plays one seeded run; returns a label for the tally, or throws <see cref="FaultExpectationException"/>.</summary>
    private static async Task<string> RunOneAsync(int seed)
    {
        var random = new Random(seed);
        var body = RandomSseBody.Generate(random, "\n", byteOrderMark: random.Next(5) == 0, faults: true);
        var fault = (InjectedFault)random.Next(4);
        var endsWithDone = body.Events[^1].Kind == StreamEventKind.Done;

        // A stall after [DONE] would only cost the one-second wait for the body's end, so stalls come before it.
        // Other faults sometimes come only after the whole body, where they must cost nothing.
        var offset = fault == InjectedFault.Stall && endsWithDone ? random.Next(0, body.DoneEnd)
            : random.Next(8) == 0 ? body.Bytes.Length
            : random.Next(0, body.Bytes.Length + 1);
        var sizes = SplitFuzzTests.RandomPieceSizes(random, Math.Max(1, offset), random.Next(2) == 0 ? 8 : 512);

        Stream delivery = fault switch
        {
            InjectedFault.Close => new PiecewiseStream(body.Bytes[..offset], sizes, StreamEnding.Close),
            InjectedFault.Drop => new PiecewiseStream(body.Bytes[..offset], sizes, StreamEnding.Throw),
            InjectedFault.Stall => new PiecewiseStream(body.Bytes[..offset], sizes, StreamEnding.Hang),
            _ => new PausingStream(new PiecewiseStream(body.Bytes, sizes), offset, TimeSpan.FromMilliseconds(random.Next(1, 30))),
        };
        var idleTimeout = fault == InjectedFault.Stall ? StallIdleTimeout : RelaxedIdleTimeout;

        using var stream = Open(delivery, idleTimeout);
        var outcome = StreamOutcome.From(await ReadAllAsync(stream));

        var (expectedEvents, expectedEnding) = Expect(body, fault == InjectedFault.Pause ? body.Bytes.Length : offset, fault);
        var context = $"{fault} at byte {offset} of {body.Bytes.Length} ({body})";
        if (outcome.Kinds.Count != expectedEvents.Count)
        {
            throw new FaultExpectationException($"{context}: expected {expectedEvents.Count} events, got {outcome.Events.Count}: {string.Join(" | ", outcome.Events)}");
        }
        for (var index = 0; index < expectedEvents.Count; index++)
        {
            if (outcome.Kinds[index] != expectedEvents[index].Kind || outcome.Texts[index] != expectedEvents[index].Text)
            {
                throw new FaultExpectationException($"{context}: event {index} should be {expectedEvents[index]}, got {outcome.Events[index]}");
            }
        }
        if (outcome.Ending != expectedEnding)
        {
            throw new FaultExpectationException($"{context}: expected the read to end with {expectedEnding}, got {outcome.Ending}");
        }
        return $"{fault}→{expectedEnding}";
    }

    /// <summary>The events complete before <paramref name="offset"/>, up to an error event; then how the read must end.</summary>
    private static (List<PlannedEvent> Events, string Ending) Expect(RandomSseBody body, int offset, InjectedFault fault)
    {
        var delivered = new List<PlannedEvent>();
        foreach (var planned in body.Events)
        {
            if (planned.End > offset)
            {
                break;
            }
            if (planned.Kind == StreamEventKind.Done)
            {
                return (delivered, "end");
            }
            delivered.Add(planned);
            if (planned.Kind == StreamEventKind.GatewayError)
            {
                return (delivered, "end");
            }
        }
        return (delivered, fault switch
        {
            InjectedFault.Stall => EdgeeErrorIds.StreamIdleTimeout,
            _ => EdgeeErrorIds.StreamTruncated,
        });
    }
}
