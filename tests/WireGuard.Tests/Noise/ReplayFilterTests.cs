using WireGuard.Noise;

namespace WireGuard.Tests.Noise;

public sealed class ReplayFilterTests
{
    [Fact]
    public void Each_counter_is_accepted_once()
    {
        var f = new ReplayFilter();
        Assert.True(f.Validate(0));
        Assert.False(f.Validate(0));
        Assert.True(f.Validate(1));
        Assert.True(f.Validate(5));
        Assert.True(f.Validate(3));
        Assert.False(f.Validate(3));
        Assert.False(f.Validate(5));
    }

    [Fact]
    public void Window_is_8128_counters()
    {
        var f = new ReplayFilter();
        Assert.True(f.Validate(10_000));
        Assert.True(f.Validate(10_000 - 8128));
        Assert.False(f.Validate(10_000 - 8129));
        Assert.False(f.Validate(10_000 - 8128));
        Assert.True(f.Validate(10_001 - 1000));
    }

    [Fact]
    public void Large_jump_clears_the_ring()
    {
        var f = new ReplayFilter();
        for (ulong i = 0; i < 200; i++)
        {
            Assert.True(f.Validate(i));
        }

        Assert.True(f.Validate(1_000_000));
        Assert.True(f.Validate(1_000_000 - 64));
        Assert.True(f.Validate(1_000_000 - 8000));
        Assert.False(f.Validate(199));
    }

    [Fact]
    public void Counters_at_or_past_the_limit_are_rejected()
    {
        var f = new ReplayFilter();
        Assert.False(f.Validate(Protocol.RejectAfterMessages));
        Assert.False(f.Validate(ulong.MaxValue));
        Assert.True(f.Validate(Protocol.RejectAfterMessages - 1));
    }

    [Fact]
    public void Out_of_order_within_window_matches_a_reference_set()
    {
        var f = new ReplayFilter();
        var seen = new HashSet<ulong>();
        var rnd = new Random(3);
        ulong max = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var c = (ulong)rnd.Next(0, 30_000);
            var expected = !seen.Contains(c) && (c >= max || max - c <= ReplayFilter.WindowSize);
            var got = f.Validate(c);
            if (got)
            {
                seen.Add(c);
                max = Math.Max(max, c);
            }

            // Everything the filter accepts must be new; everything new inside the window must be accepted.
            Assert.Equal(expected, got);
        }
    }
}
