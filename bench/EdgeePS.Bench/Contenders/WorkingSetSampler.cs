using System.Diagnostics;

namespace EdgeePS.Bench.Contenders;

/// <summary>
/// Samples the process's working set while a long stream runs, on a thread of its own that wakes ten times a
/// second, so that "flat" can be read off: the highest figure of the stream's last quarter against its first.
/// </summary>
public sealed class WorkingSetSampler : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly List<(long At, long Bytes)> samples = [];
    private readonly ManualResetEventSlim stop = new();
    private readonly Thread thread;
    private long startedAt;
    private long stoppedAt;

    public WorkingSetSampler()
    {
        thread = new Thread(SampleUntilStopped) { IsBackground = true, Name = "working set sampler" };
    }

    public void Start()
    {
        startedAt = Stopwatch.GetTimestamp();
        thread.Start();
    }

    public void Stop()
    {
        stop.Set();
        thread.Join();
        stoppedAt = Stopwatch.GetTimestamp();
    }

    /// <summary>The highest working set sampled between the given fractions of the run, in bytes.</summary>
    public long MaxBetween(double fromFraction, double toFraction)
    {
        var span = stoppedAt - startedAt;
        var from = startedAt + (long)(span * fromFraction);
        var to = startedAt + (long)(span * toFraction);
        return samples.Where(sample => sample.At >= from && sample.At <= to).Select(sample => sample.Bytes).DefaultIfEmpty(0).Max();
    }

    public void Dispose() => stop.Dispose();

    private void SampleUntilStopped()
    {
        do
        {
            samples.Add((Stopwatch.GetTimestamp(), Environment.WorkingSet));
        }
        while (!stop.Wait(Interval));
        samples.Add((Stopwatch.GetTimestamp(), Environment.WorkingSet));
    }
}
