namespace Mesh.Daemon.Reconcile;

/// <summary>Exponential backoff with full jitter, bounded: base·2^(n−1) capped at max, then a random share of it.</summary>
public sealed class Backoff
{
    private readonly TimeSpan _base;
    private readonly TimeSpan _max;
    private readonly Random _random;

    /// <summary>Creates a backoff policy.</summary>
    public Backoff(TimeSpan baseDelay, TimeSpan maxDelay, Random? random = null)
    {
        _base = baseDelay;
        _max = maxDelay;
        _random = random ?? Random.Shared;
    }

    /// <summary>The delay before retry number <paramref name="failures"/> (1 = first retry): between half and all of the capped exponential.</summary>
    public TimeSpan Delay(int failures)
    {
        if (failures <= 0)
        {
            return TimeSpan.Zero;
        }

        var exp = Math.Min(failures - 1, 20);
        var ticks = Math.Min(_max.Ticks, _base.Ticks * (1L << exp));
        var jittered = (ticks / 2) + (long)(_random.NextDouble() * (ticks / 2));
        return TimeSpan.FromTicks(jittered);
    }
}
