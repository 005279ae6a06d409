using WireGuard.Conn;
using WireGuard.Linux;
using WireGuard.Tun;

namespace WireGuard.Tests.Linux;

public sealed unsafe class SockAddrTests
{
    [Theory]
    [InlineData("192.0.2.1:51820", true, 28)]
    [InlineData("192.0.2.1:51820", false, 16)]
    [InlineData("[2001:db8::1]:443", true, 28)]
    public void Endpoints_survive_a_sockaddr_round_trip(string text, bool v6Socket, int expectedLen)
    {
        Assert.True(UdpEndpoint.TryParse(text, out var ep));
        var buf = stackalloc byte[SockAddr.Size];
        Assert.Equal((uint)expectedLen, SockAddr.Write(buf, ep, v6Socket));
        Assert.Equal(ep, SockAddr.Read(buf));
        Assert.Equal(51820 == ep.Port ? new byte[] { 0xca, 0x6c } : new byte[] { 0x01, 0xbb }, new ReadOnlySpan<byte>(buf + 2, 2).ToArray());
    }

    [Fact]
    public void Ipv4_on_a_dual_stack_socket_is_v4_mapped()
    {
        UdpEndpoint.TryParse("198.51.100.7:9", out var ep);
        var buf = stackalloc byte[SockAddr.Size];
        SockAddr.Write(buf, ep, v6Socket: true);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 198, 51, 100, 7 }, new ReadOnlySpan<byte>(buf + 8, 16).ToArray());
    }

    [Fact]
    public void Native_layouts_match_the_linux_abi()
    {
        Assert.Equal(56, sizeof(Native.MsgHdr));
        Assert.Equal(64, sizeof(Native.MMsgHdr));
        Assert.Equal(16, sizeof(Native.CMsgHdr));
        Assert.Equal(28, sizeof(Native.SockAddrIn6));
        Assert.Equal(8, sizeof(Native.PollFd));
        Assert.Equal(40, sizeof(TunIoctl.IfReq));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(1501)]
    public void Checksum_of_odd_lengths_matches_the_rfc1071_definition(int len)
    {
        var data = Enumerable.Range(0, len).Select(i => (byte)(i * 31 + 7)).ToArray();
        uint sum = 0;
        for (var i = 0; i < len; i += 2)
        {
            sum += (uint)((data[i] << 8) | (i + 1 < len ? data[i + 1] : 0));
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        Assert.Equal((ushort)~sum, Checksum.Compute(data));
    }
}
