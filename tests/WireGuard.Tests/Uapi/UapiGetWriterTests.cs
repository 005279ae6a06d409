using System.Net;
using WireGuard.Conn;
using WireGuard.Device;
using WireGuard.Uapi;

namespace WireGuard.Tests.Uapi;

public sealed class UapiGetWriterTests
{
    internal static Key K(byte b) => new(Enumerable.Repeat(b, 32).ToArray());

    [Fact]
    public void Device_and_peer_lines_follow_wireguard_go()
    {
        UdpEndpoint.TryParse("192.0.2.2:51820", out var ep);
        var status = new DeviceStatus(K(1), K(2), 51820, 7, [
            new PeerStatus(K(3), null, ep, 25, [IPNetwork.Parse("10.0.0.2/32"), IPNetwork.Parse("2001:db8::/64")],
                DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123), 100, 200),
            new PeerStatus(K(4), K(5), null, 0, [], null, 0, 0),
        ]);

        var text = UapiGetWriter.Write(status);

        Assert.Equal(
            $"private_key={K(1).ToHex()}\nlisten_port=51820\nfwmark=7\n" +
            $"public_key={K(3).ToHex()}\npreshared_key={new string('0', 64)}\nprotocol_version=1\nendpoint=192.0.2.2:51820\n" +
            "last_handshake_time_sec=1700000000\nlast_handshake_time_nsec=123000000\ntx_bytes=200\nrx_bytes=100\n" +
            "persistent_keepalive_interval=25\nallowed_ip=10.0.0.2/32\nallowed_ip=2001:db8::/64\n" +
            $"public_key={K(4).ToHex()}\npreshared_key={K(5).ToHex()}\nprotocol_version=1\n" +
            "last_handshake_time_sec=0\nlast_handshake_time_nsec=0\ntx_bytes=0\nrx_bytes=0\npersistent_keepalive_interval=0\n",
            text);
    }

    [Fact]
    public void Unset_private_key_port_and_fwmark_are_omitted()
    {
        var text = UapiGetWriter.Write(new DeviceStatus(default(Key), null, 0, 0, []));
        Assert.Equal(string.Empty, text);
    }
}
