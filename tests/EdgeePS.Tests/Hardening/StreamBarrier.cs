namespace EdgeePS.Tests.Hardening;

/// <summary>
/// Holds scripted streams until a given number of requests have arrived, proving they were all open at once. It
/// never fails a response: after its patience it lets everyone go, and <see cref="AllArrived"/> tells the test.
/// </summary>
internal sealed class StreamBarrier
{
    private readonly int expected;
    private readonly TaskCompletionSource allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int arrived;

    public StreamBarrier(int expected) => this.expected = expected;

    public int Arrived => Volatile.Read(ref arrived);

    public bool AllArrived => allArrived.Task.IsCompleted;

    public void Arrive()
    {
        if (Interlocked.Increment(ref arrived) >= expected)
        {
            allArrived.TrySetResult();
        }
    }

    /// <summary>Completes when all have arrived, or after <paramref name="patience"/>; never faults.</summary>
    public Task WaitAsync(TimeSpan patience) => Task.WhenAny(allArrived.Task, Task.Delay(patience));
}
