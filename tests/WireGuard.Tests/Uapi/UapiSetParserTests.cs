using System.Net;
using WireGuard.Conn;
using WireGuard.Uapi;

namespace WireGuard.Tests.Uapi;

public sealed class UapiSetParserTests
{
    private static readonly string A = new('a', 64);
    private static readonly string B = new('b', 64);
    private static readonly string Z = new('0', 64);

    [Fact]
    public void Every_device_and_peer_key_is_parsed()
    {
        var c = UapiSetParser.Parse(
            [
                $"private_key={A}", "listen_port=51820", "fwmark=4660", "replace_peers=true",
                $"public_key={B}", "update_only=true", $"preshared_key={Z}", "endpoint=[2001:db8::1]:51821",
                "persistent_keepalive_interval=25", "replace_allowed_ips=true", "allowed_ip=10.0.0.7/24",
                "allowed_ip=2001:db8:1::/48", "protocol_version=1",
                $"public_key={A}", "remove=true",
            ],
            out var error);

        Assert.Null(error);
        Assert.NotNull(c);
        Assert.Equal(A, c.PrivateKey!.Value.ToHex());
        Assert.Equal((ushort)51820, c.ListenPort);
        Assert.Equal(4660u, c.Fwmark);
        Assert.True(c.ReplacePeers);
        Assert.Equal(2, c.Peers.Count);
        var p = c.Peers[0];
        Assert.Equal(B, p.PublicKey.ToHex());
        Assert.True(p.UpdateOnly);
        Assert.True(p.PresharedKey!.Value.IsZero);
        Assert.True(UdpEndpoint.TryParse("[2001:db8::1]:51821", out var ep));
        Assert.Equal(ep, p.Endpoint);
        Assert.Equal((ushort)25, p.PersistentKeepalive);
        Assert.True(p.ReplaceAllowedIps);
        Assert.Equal([IPNetwork.Parse("10.0.0.0/24"), IPNetwork.Parse("2001:db8:1::/48")], p.AllowedIps);
        Assert.True(c.Peers[1].Remove);
        Assert.False(c.Peers[1].UpdateOnly);
    }

    [Fact]
    public void Empty_body_is_an_empty_change()
    {
        var c = UapiSetParser.Parse([], out var error);
        Assert.Null(error);
        Assert.Null(c!.PrivateKey);
        Assert.Empty(c.Peers);
    }

    [Theory]
    [InlineData("private_key", 71)]
    [InlineData("bogus=1", 22)]
    [InlineData("private_key=abc", 22)]
    [InlineData("listen_port=65536", 22)]
    [InlineData("listen_port=-1", 22)]
    [InlineData("fwmark=0x10", 22)]
    [InlineData("replace_peers=false", 22)]
    [InlineData("public_key=zz", 22)]
    [InlineData("allowed_ip=10.0.0.0/8", 22)]
    public void Bad_device_lines_get_the_wireguard_go_errno(string line, int errno)
    {
        var c = UapiSetParser.Parse([line], out var error);
        Assert.Null(c);
        Assert.Equal(errno, error!.Errno);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("endpoint=example.org:51820")]
    [InlineData("endpoint=192.0.2.1")]
    [InlineData("allowed_ip=10.0.0.0/33")]
    [InlineData("allowed_ip=10.0.0.0")]
    [InlineData("allowed_ip=::/129")]
    [InlineData("persistent_keepalive_interval=70000")]
    [InlineData("protocol_version=2")]
    [InlineData("remove=yes")]
    [InlineData("update_only=false")]
    [InlineData("listen_port=1")]
    public void Bad_peer_lines_are_einval(string line)
    {
        var c = UapiSetParser.Parse([$"public_key={B}", line], out var error);
        Assert.Null(c);
        Assert.Equal(UapiErrno.Invalid, error!.Errno);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.1.2.3/8", "10.0.0.0/8")]
    [InlineData("10.1.2.3/32", "10.1.2.3/32")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("2001:db8::1/32", "2001:db8::/32")]
    [InlineData("::/0", "::/0")]
    public void Allowed_ip_host_bits_are_masked(string text, string expected)
    {
        Assert.True(AllowedIp.TryParse(text, out var net));
        Assert.Equal(IPNetwork.Parse(expected), net);
    }
}
