using EdgeePS.Batch;

namespace EdgeePS.Tests.Core;

/// <summary>
/// The ordered runner alone: at most its limit of items run at once, results come back in the order the items were
/// added whatever order they finish in, a failure is thrown at its own turn, and a stop or a dispose cancels every
/// item still running. Items wait on signals the test gives, so nothing depends on how fast the machine is.
/// </summary>
public sealed class OrderedBatchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Results_come_in_input_order_even_when_later_items_finish_first()
    {
        var release = Enumerable.Range(0, 3).Select(_ => new ManualResetEventSlim()).ToArray();
        using var batch = new OrderedBatch<int>(3, CancellationToken.None);
        var finished = 0;
        for (var index = 0; index < 3; index++)
        {
            var own = index;
            batch.Add((_, stop) =>
            {
                release[own].Wait(stop);
                Interlocked.Increment(ref finished);
                return own * 10;
            });
        }

        release[2].Set();
        release[1].Set();
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref finished) == 2, Patience, () => "items 1 and 2 did not finish");
        var headTaken = batch.TryTake(out _);
        release[0].Set();
        var results = new List<int>();
        batch.Complete();
        while (batch.Take(out var result))
        {
            results.Add(result);
        }

        Assert.False(headTaken, "a result was taken before the first item had finished");
        Assert.Equal([0, 10, 20], results);
    }

    [Fact]
    public async Task Never_more_than_the_limit_run_at_once_and_the_limit_is_reached()
    {
        const int Limit = 3;
        using var release = new SemaphoreSlim(0);
        var running = 0;
        var mostRunning = 0;
        var mostToldInFlight = 0;
        using var batch = new OrderedBatch<int>(Limit, CancellationToken.None);
        for (var index = 0; index < 10; index++)
        {
            var own = index;
            batch.Add((inFlight, stop) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref mostRunning, now);
                InterlockedMax(ref mostToldInFlight, inFlight);
                release.Wait(stop);
                Interlocked.Decrement(ref running);
                return own;
            });
        }

        batch.Complete();
        for (var round = 0; round < 10; round++)
        {
            // Wait until every slot that can be busy is busy, then let one item go.
            var expected = Math.Min(Limit, 10 - round);
            await Eventually.WaitUntilAsync(() => Volatile.Read(ref running) == expected, Patience, () => $"{expected} items should be running, {running} are");
            release.Release();
        }

        var results = new List<int>();
        while (batch.Take(out var result))
        {
            results.Add(result);
        }

        Assert.Equal(Enumerable.Range(0, 10), results);
        Assert.Equal(Limit, mostRunning);
        Assert.Equal(Limit, batch.PeakInFlight);
        Assert.Equal(Limit, mostToldInFlight);
    }

    [Fact]
    public void A_failure_is_thrown_at_its_own_turn_and_the_others_still_come()
    {
        using var batch = new OrderedBatch<string>(2, CancellationToken.None);
        batch.Add((_, _) => "first");
        batch.Add((_, _) => throw new InvalidOperationException("second failed"));
        batch.AddFinished("third, with nothing to run");
        batch.Add((_, _) => "fourth");
        batch.Complete();

        Assert.True(batch.Take(out var first));
        var error = Assert.Throws<InvalidOperationException>(() => batch.Take(out _));
        Assert.True(batch.Take(out var third));
        Assert.True(batch.Take(out var fourth));
        Assert.False(batch.Take(out _));

        Assert.Equal("first", first);
        Assert.Equal("second failed", error.Message);
        Assert.Equal("third, with nothing to run", third);
        Assert.Equal("fourth", fourth);
    }

    [Fact]
    public async Task Dispose_cancels_every_running_item_and_waits_for_it_to_end()
    {
        var cancelled = 0;
        var started = 0;
        var batch = new OrderedBatch<int>(4, CancellationToken.None);
        for (var index = 0; index < 4; index++)
        {
            batch.Add((_, stop) =>
            {
                Interlocked.Increment(ref started);
                try
                {
                    Task.Delay(Timeout.Infinite, stop).Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                    Interlocked.Increment(ref cancelled);
                }

                return 0;
            });
        }

        await Eventually.WaitUntilAsync(() => Volatile.Read(ref started) == 4, Patience, () => "not every item started");
        batch.Dispose();

        Assert.Equal(4, Volatile.Read(ref cancelled));
    }

    [Fact]
    public async Task A_stop_wakes_a_caller_waiting_for_the_next_result()
    {
        using var stop = new CancellationTokenSource();
        using var batch = new OrderedBatch<int>(1, stop.Token);
        batch.Add((_, token) =>
        {
            Task.Delay(Timeout.Infinite, token).Wait(CancellationToken.None);
            return 0;
        });

        var waiting = Task.Run(() => batch.Take(out _));
        await Task.Delay(50);
        var endedBeforeStop = waiting.IsCompleted;
        stop.Cancel();
        var error = await Record.ExceptionAsync(() => waiting.WaitAsync(Patience));

        Assert.False(endedBeforeStop);
        Assert.IsAssignableFrom<OperationCanceledException>(error);
    }

    [Fact]
    public void Items_cannot_be_added_once_the_batch_is_complete()
    {
        using var batch = new OrderedBatch<int>(1, CancellationToken.None);
        batch.Complete();

        Assert.Throws<InvalidOperationException>(() => batch.Add((_, _) => 0));
        Assert.False(batch.TryTake(out _));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
