namespace Mesh.Daemon.Ddns;

/// <summary>
/// When to resolve a name again (pure): after an answer, at its TTL clamped to
/// [<see cref="DdnsOptions.MinInterval"/>, <see cref="DdnsOptions.MaxInterval"/>] and brought forward by up
/// to <see cref="DdnsOptions.Jitter"/> (never below the minimum, never after the TTL); after a failure or a
/// negative answer, exponentially from <see cref="DdnsOptions.BackoffInitial"/> up to
/// <see cref="DdnsOptions.BackoffMax"/>, with the same jitter.
/// </summary>
public static class ResolutionSchedule
{
    /// <summary>The delay after a positive answer with <paramref name="ttl"/>; <paramref name="unit"/> is a uniform sample in [0, 1).</summary>
    public static TimeSpan AfterAnswer(TimeSpan ttl, DdnsOptions options, double unit)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clamped = Clamp(ttl, options.MinInterval, options.MaxInterval);
        return Jittered(clamped, options.MinInterval, options.Jitter, unit);
    }

    /// <summary>The delay after the <paramref name="consecutiveFailures"/>-th failure in a row (1 = first).</summary>
    public static TimeSpan AfterFailure(int consecutiveFailures, DdnsOptions options, double unit)
    {
        ArgumentNullException.ThrowIfNull(options);
        var n = Math.Clamp(consecutiveFailures, 1, 62);
        var ticks = options.BackoffInitial.Ticks * Math.Pow(2, n - 1);
        var raw = ticks >= options.BackoffMax.Ticks ? options.BackoffMax : TimeSpan.FromTicks((long)ticks);
        return Jittered(raw, TimeSpan.Zero, options.Jitter, unit);
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) =>
        value < min ? min : value > max ? max : value;

    private static TimeSpan Jittered(TimeSpan value, TimeSpan floor, double jitter, double unit)
    {
        var u = Math.Clamp(unit, 0, 1);
        var early = TimeSpan.FromTicks((long)(value.Ticks * jitter * u));
        var result = value - early;
        return result < floor ? floor : result;
    }
}
