using WireGuard.Conn;
using WireGuard.Device;

namespace WireGuard.Tests.Device;

public sealed class RateLimiterTests
{
    [Fact]
    public void Burst_of_5_then_20_per_second_per_source_address()
    {
        var r = new RateLimiter();
        var a = MemoryNetwork.Endpoint("198.51.100.1", 1000);
        var aOtherPort = MemoryNetwork.Endpoint("198.51.100.1", 2000);
        var b = MemoryNetwork.Endpoint("2001:db8::1", 1000);
        var allowed = Enumerable.Range(0, 10).Count(_ => r.Allow(a, 0));
        Assert.Equal(5, allowed);
        Assert.False(r.Allow(aOtherPort, 0)); // the limit is per address, not per port
        Assert.True(r.Allow(b, 0));
        Assert.False(r.Allow(a, 49));
        Assert.True(r.Allow(a, 50)); // one token every 50 ms
        Assert.False(r.Allow(a, 60));
        var perSecond = Enumerable.Range(1, 1000).Count(ms => r.Allow(a, 1000 + ms));
        Assert.InRange(perSecond, 20, 25);
    }
}
