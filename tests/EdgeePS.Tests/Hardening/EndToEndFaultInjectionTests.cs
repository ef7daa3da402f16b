using EdgeePS.Simulation;
using EdgeePS.Streaming;
using EdgeePS.Tests.Cmdlets;
using Xunit.Abstractions;

namespace EdgeePS.Tests.Hardening;

/// <summary>
/// Fault injection through the whole path — gateway, HTTP, core, cmdlet, pipeline — for a smaller number of seeds than
/// <see cref="FaultInjectionTests"/> runs against the core. Errors are merged into the output (2>&amp;1) so the order of
/// chunks and error records is checked too. Drops wait until the client has shown everything before the fault, so no
/// byte in flight is lost to the reset; stalls use the smallest idle timeout, one second.
/// </summary>
public sealed class EndToEndFaultInjectionTests : HardeningTestBase
{
    private const int Runs = 30;

    private readonly ITestOutputHelper output;

    public EndToEndFaultInjectionTests(SessionFixture fixture, ITestOutputHelper output) : base(fixture) => this.output = output;

    [Fact]
    public async Task EachRunShowsWhatPrecededTheFaultThenExactlyTheExpectedErrors()
    {
        var failures = new List<string>();
        var tally = new Dictionary<InjectedFault, int>();
        for (var seed = 1; seed <= Runs; seed++)
        {
            var random = new Random(seed);
            var body = RandomSseBody.Generate(random, "\n", byteOrderMark: random.Next(5) == 0, faults: true);
            var fault = random.Next(4) switch { 0 => InjectedFault.Stall, 1 => InjectedFault.Drop, _ => InjectedFault.Close };
            var endsWithDone = body.Events[^1].Kind == StreamEventKind.Done;
            var offset = fault == InjectedFault.Stall && endsWithDone ? random.Next(0, body.DoneEnd) : random.Next(0, body.Bytes.Length + 1);
            tally[fault] = tally.GetValueOrDefault(fault) + 1;

            var (beforeTheFault, faultError) = Expected(body, offset, fault);
            var expected = faultError is null ? beforeTheFault : [.. beforeTheFault, faultError];
            var shown = new TaskCompletionSource();
            var response = EventStreamHeaders().WriteInPieces(body.Bytes[..offset], SplitFuzzTests.RandomPieceSizes(random, Math.Max(1, offset), 300));
            switch (fault)
            {
                case InjectedFault.Drop:
                    response.WaitFor(shown.Task).Abort();
                    break;
                case InjectedFault.Stall:
                    response.Stall();
                    break;
            }
            Gateway.Enqueue(response);

            var idle = fault == InjectedFault.Stall ? 1 : 60;
            var pipeline = Start($$"""
                Invoke-EdgeeStream gpt-5.2 'Hello' -IdleTimeoutSec {{idle}} -MaximumRetryCount 0 2>&1 | ForEach-Object {
                    if ($_ -is [System.Management.Automation.ErrorRecord]) { 'error ' + $_.FullyQualifiedErrorId.Split(',')[0] } else { 'text ' + $_.Text }
                }
                """, Patience);
            try
            {
                await pipeline.WaitForOutputAsync(beforeTheFault.Count, Patience);
            }
            catch (Exception error) when (error is InvalidOperationException or TimeoutException)
            {
                // The run ended early or not at all; the comparison below tells how.
            }
            shown.TrySetResult();

            PowerShellResultOrTimeout outcome;
            try
            {
                outcome = new(await pipeline.Completion, null);
            }
            catch (TimeoutException timeout)
            {
                outcome = new(null, timeout.Message);
            }

            // A drop before any event completes may reset the connection before the client has even read the status
            // line (a reset discards unread bytes): then it truly was a connection failure, and saying so is right.
            List<string> alsoRight = fault == InjectedFault.Drop && beforeTheFault.Count == 0 ? ["error ConnectionFailed"] : expected;
            var actual = outcome.Result?.Output.Select(item => item.ToString()).ToList();
            if (outcome.Result is null || !(actual!.SequenceEqual(expected) || actual!.SequenceEqual(alsoRight)) || outcome.Result.Errors.Count != 0 || outcome.Result.TerminatingError is not null)
            {
                failures.Add($"seed {seed}: {fault} at byte {offset} of {body.Bytes.Length}: expected [{string.Join(" | ", expected)}], "
                    + (outcome.Result is null ? $"but it hung: {outcome.Timeout}" : $"got [{string.Join(" | ", actual!)}]{Environment.NewLine}{outcome.Result.AllText()}"));
            }
        }

        output.WriteLine($"{Runs} end-to-end runs (seeds 1..{Runs}): {string.Join(", ", tally.Select(pair => $"{pair.Key} ×{pair.Value}"))}.");
        Assert.True(failures.Count == 0, $"{failures.Count} run(s) failed; first ones:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(3))}");
    }

    /// <summary>What the pipeline must show for each event complete before the fault, then the fault's error if it mattered.</summary>
    private static (List<string> BeforeTheFault, string? FaultError) Expected(RandomSseBody body, int offset, InjectedFault fault)
    {
        var lines = new List<string>();
        foreach (var planned in body.Events)
        {
            if (planned.End > offset)
            {
                return (lines, fault == InjectedFault.Stall ? "error StreamIdleTimeout" : "error StreamTruncated");
            }
            switch (planned.Kind)
            {
                case StreamEventKind.Done:
                    return (lines, null);
                case StreamEventKind.Chunk:
                    lines.Add("text " + planned.Text);
                    break;
                case StreamEventKind.Malformed:
                    lines.Add("error MalformedStreamEvent");
                    break;
                case StreamEventKind.GatewayError:
                    lines.Add("error StreamErrorEvent");
                    return (lines, null);
            }
        }
        return (lines, null);
    }
}
