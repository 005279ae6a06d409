using System.Diagnostics;

namespace WireGuard.Tests.Device;

/// <summary>A clock the test moves by hand (wall and monotonic time together); timers still tick in real time.</summary>
public sealed class ManualTime : TimeProvider
{
    private long _offsetTicks;
    private readonly DateTimeOffset _start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly long _startTs = Stopwatch.GetTimestamp();

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => _start + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override long GetTimestamp() =>
        _startTs + (long)(Interlocked.Read(ref _offsetTicks) * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond));
}
