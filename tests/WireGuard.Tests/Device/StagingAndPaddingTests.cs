using WireGuard.Device;

namespace WireGuard.Tests.Device;

public sealed class StagingAndPaddingTests
{
    [Theory]
    [InlineData(0, 1420, 0)]
    [InlineData(1, 1420, 16)]
    [InlineData(84, 1420, 96)]
    [InlineData(1409, 1420, 1420)] // padding never goes past the MTU
    [InlineData(1420, 1420, 1420)]
    [InlineData(100, 0, 112)]
    public void Padding_rounds_up_to_16_without_exceeding_the_mtu(int len, int mtu, int padded) =>
        Assert.Equal(padded, WireGuardDevice.PaddedLength(len, mtu));

    [Fact]
    public void At_most_128_packets_wait_for_a_handshake_and_the_oldest_are_dropped()
    {
        using var p = new DevicePair();
        var open = false;
        var attempts = 0;
        p.Net.Filter = (_, _, _) =>
        {
            Interlocked.Increment(ref attempts);
            return Volatile.Read(ref open);
        };
        for (var i = 0; i < 200; i++)
        {
            p.TunA.Inject(DevicePair.Ipv4("10.0.0.1", "10.0.0.2", 100 + i));
        }

        Assert.True(DevicePair.Eventually(() => p.A.GetCounters().StagedDropped == 72));

        // the first initiation must have gone out (and been lost) before the clock moves, or the retransmission
        // timer would start from the later time (the handshake thread can lag behind on a busy machine)
        Assert.True(DevicePair.Eventually(() => Volatile.Read(ref attempts) >= 1));
        Volatile.Write(ref open, true);
        p.Time.Advance(TimeSpan.FromSeconds(5.5));
        p.A.RunTimers(); // retransmission gets through now
        for (var i = 72; i < 200; i++)
        {
            Assert.True(p.TunB.TryTake(out var got, DevicePair.Wait), $"packet {i} missing; A {p.A.GetCounters()} B {p.B.GetCounters()} session {p.A.HasSession(p.PubB)} delivered {p.Net.Delivered}");
            Assert.Equal(100 + i, got.Length);
        }

        Assert.False(p.TunB.TryTake(out _, TimeSpan.FromMilliseconds(100)));
    }
}
