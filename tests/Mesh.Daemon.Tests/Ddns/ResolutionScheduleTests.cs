using Mesh.Daemon.Ddns;

namespace Mesh.Daemon.Tests.Ddns;

public sealed class ResolutionScheduleTests
{
    private static readonly DdnsOptions Options = new();

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 5)]
    [InlineData(5, 5)]
    [InlineData(30, 30)]
    [InlineData(3600, 3600)]
    [InlineData(86400, 3600)]
    public void Answer_without_jitter_waits_the_clamped_ttl(int ttl, int expected) =>
        Assert.Equal(TimeSpan.FromSeconds(expected), ResolutionSchedule.AfterAnswer(TimeSpan.FromSeconds(ttl), Options, 0));

    [Fact]
    public void Jitter_only_brings_the_lookup_forward_and_never_below_the_minimum()
    {
        var rng = new Random(1234);
        for (var i = 0; i < 2000; i++)
        {
            var ttl = TimeSpan.FromSeconds(rng.Next(0, 10000));
            var u = rng.NextDouble();
            var d = ResolutionSchedule.AfterAnswer(ttl, Options, u);
            var clamped = ttl < Options.MinInterval ? Options.MinInterval : ttl > Options.MaxInterval ? Options.MaxInterval : ttl;
            Assert.InRange(d, Max(Options.MinInterval, clamped * (1 - Options.Jitter)), clamped);
        }
    }

    [Fact]
    public void Jitter_spreads_lookups()
    {
        var a = ResolutionSchedule.AfterAnswer(TimeSpan.FromSeconds(300), Options, 0.0);
        var b = ResolutionSchedule.AfterAnswer(TimeSpan.FromSeconds(300), Options, 0.99);
        Assert.Equal(TimeSpan.FromSeconds(300), a);
        Assert.Equal(TimeSpan.FromSeconds(300 - (300 * 0.1 * 0.99)), b);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(100, 60)]
    [InlineData(int.MaxValue, 60)]
    public void Failures_back_off_exponentially_up_to_the_bound(int failures, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), ResolutionSchedule.AfterFailure(failures, Options, 0));

    [Fact]
    public void Options_validation_names_every_problem()
    {
        var bad = new DdnsOptions
        {
            MinInterval = TimeSpan.Zero,
            MaxInterval = TimeSpan.FromSeconds(-1),
            Jitter = 2,
            BackoffInitial = TimeSpan.FromSeconds(10),
            BackoffMax = TimeSpan.FromSeconds(1),
            HandshakeStaleAfter = TimeSpan.Zero,
        };
        var errors = bad.Validate();
        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, e => e.Contains("jitter", StringComparison.Ordinal));
        Assert.Empty(new DdnsOptions().Validate());
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
