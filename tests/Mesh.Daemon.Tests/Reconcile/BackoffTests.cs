using Mesh.Daemon.Reconcile;
using Mesh.Daemon.Tests.Ddns;

namespace Mesh.Daemon.Tests.Reconcile;

public sealed class BackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(-3, 0.0)]
    [InlineData(1, 1.0)]
    [InlineData(2, 2.0)]
    [InlineData(3, 4.0)]
    [InlineData(8, 128.0)]
    [InlineData(9, 150.0)]
    [InlineData(1000, 150.0)]
    public void Without_jitter_the_delay_is_half_the_capped_exponential(int failures, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), new Backoff(Base, Max, new FixedRandom(0)).Delay(failures));

    [Theory]
    [InlineData(1, 2.0)]
    [InlineData(4, 16.0)]
    [InlineData(9, 300.0)]
    [InlineData(int.MaxValue, 300.0)]
    public void Full_jitter_never_exceeds_the_cap(int failures, double seconds)
    {
        var delay = new Backoff(Base, Max, new FixedRandom(0.999999)).Delay(failures);
        Assert.InRange(delay.TotalSeconds, seconds * 0.999, seconds);
    }

    [Fact]
    public void Delays_never_shrink_as_failures_grow()
    {
        var backoff = new Backoff(Base, Max, new Random(7));
        var previousMax = TimeSpan.Zero;
        for (var n = 1; n <= 30; n++)
        {
            var d = backoff.Delay(n);
            var cap = TimeSpan.FromTicks(Math.Min(Max.Ticks, Base.Ticks << Math.Min(n - 1, 20)));
            Assert.InRange(d, cap / 2, cap);
            Assert.True(cap >= previousMax, $"cap of retry {n} is {cap}, below the previous {previousMax}");
            previousMax = cap;
        }
    }
}
