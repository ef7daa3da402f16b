using Microsoft.Extensions.Time.Testing;

namespace EdgeePS.Tests.Core;

/// <summary>
/// A fake clock (Microsoft's <see cref="FakeTimeProvider"/>: time moves only when the test says so, and timers due by
/// then fire inside <see cref="Advance"/>, on the test's thread) that also tells what the code under test did with
/// it: every timer armed, with its due time, and every timer that fired. So a test can wait until the code is waiting,
/// and know for certain that a timeout has not fired yet, without reading a wall clock.
/// </summary>
internal sealed class ObservedClock : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    private readonly FakeTimeProvider _fake = new(Start);
    private readonly object _gate = new();
    private readonly List<TimeSpan> _armed = [];
    private readonly List<TimeSpan> _fired = [];

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _fake.LocalTimeZone;

    /// <summary>The due time of every arming, in order: a timer created with one, or changed to one.</summary>
    public IReadOnlyList<TimeSpan> Armed
    {
        get
        {
            lock (_gate)
            {
                return _armed.ToArray();
            }
        }
    }

    /// <summary>The due time each fired timer was last armed with, in order of firing.</summary>
    public IReadOnlyList<TimeSpan> Fired
    {
        get
        {
            lock (_gate)
            {
                return _fired.ToArray();
            }
        }
    }

    public void Advance(TimeSpan by) => _fake.Advance(by);

    /// <summary>Completes once a timer is armed with <paramref name="dueTime"/> (counting armings already seen).</summary>
    public Task WaitUntilArmedAsync(TimeSpan dueTime, TimeSpan patience) =>
        Eventually.WaitUntilAsync(() => Armed.Contains(dueTime), patience, () => $"No timer was armed for {dueTime}; armed so far: [{string.Join(", ", Armed)}].");

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var observed = new ObservedTimer(this, dueTime);
        observed.Inner = _fake.CreateTimer(
            innerState =>
            {
                lock (_gate)
                {
                    _fired.Add(observed.DueTime);
                }

                callback(innerState);
            },
            state,
            dueTime,
            period);
        Record(dueTime);
        return observed;
    }

    private void Record(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_gate)
            {
                _armed.Add(dueTime);
            }
        }
    }

    private sealed class ObservedTimer : ITimer
    {
        private readonly ObservedClock _clock;

        public ObservedTimer(ObservedClock clock, TimeSpan dueTime)
        {
            _clock = clock;
            DueTime = dueTime;
        }

        public ITimer Inner { get; set; } = null!;

        public TimeSpan DueTime { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            DueTime = dueTime;
            _clock.Record(dueTime);
            return Inner.Change(dueTime, period);
        }

        public void Dispose() => Inner.Dispose();

        public ValueTask DisposeAsync() => Inner.DisposeAsync();
    }
}
