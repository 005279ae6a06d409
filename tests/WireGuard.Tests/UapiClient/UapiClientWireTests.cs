using System.Net;
using WireGuard.Conn;
using WireGuard.Device;
using WireGuard.Uapi;

namespace WireGuard.Tests.UapiClientSuite;

/// <summary>The client's wire text: golden requests, replies as wireguard-go writes them, and round trips with the server side.</summary>
public sealed class UapiClientWireTests
{
    // RFC 7748 section 6.1: Alice's private and public key
    private static readonly Key Alice = new(Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
    private static readonly Key AlicePublic = new(Convert.FromHexString("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"));
    private static readonly Key Peer = new(Enumerable.Repeat((byte)0xab, 32).ToArray());
    private static readonly Key Psk = new(Enumerable.Repeat((byte)0x01, 32).ToArray());

    [Fact]
    public void Set_request_golden()
    {
        var change = new DeviceConfigChange { PrivateKey = Alice, ListenPort = 51820, Fwmark = 7, ReplacePeers = true };
        var p = new PeerConfigChange(Peer)
        {
            UpdateOnly = true,
            PresharedKey = Psk,
            Endpoint = Ep("[2001:db8::1]:51821"),
            PersistentKeepalive = 25,
            ReplaceAllowedIps = true,
        };
        p.AllowedIps.Add(IPNetwork.Parse("10.99.0.2/32"));
        p.AllowedIps.Add(IPNetwork.Parse("fd00::/64"));
        change.Peers.Add(p);
        change.Peers.Add(new PeerConfigChange(Psk) { Remove = true });

        Assert.Equal(
            "set=1\n" +
            "private_key=77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a\n" +
            "listen_port=51820\nfwmark=7\nreplace_peers=true\n" +
            $"public_key={Peer.ToHex()}\nupdate_only=true\npreshared_key={Psk.ToHex()}\n" +
            "endpoint=[2001:db8::1]:51821\npersistent_keepalive_interval=25\nreplace_allowed_ips=true\n" +
            "allowed_ip=10.99.0.2/32\nallowed_ip=fd00::/64\n" +
            $"public_key={Psk.ToHex()}\nremove=true\n\n",
            UapiClient.Serialize(change));
    }

    [Fact]
    public void Endpoint_only_update_touches_nothing_else()
    {
        var change = new DeviceConfigChange();
        change.Peers.Add(new PeerConfigChange(Peer) { UpdateOnly = true, Endpoint = Ep("198.51.100.20:51820") });

        Assert.Equal(
            $"set=1\npublic_key={Peer.ToHex()}\nupdate_only=true\nendpoint=198.51.100.20:51820\n\n",
            UapiClient.Serialize(change));
    }

    [Fact]
    public void Set_request_round_trips_through_the_server_parser()
    {
        var change = new DeviceConfigChange { ListenPort = 1234 };
        var p = new PeerConfigChange(Peer) { Endpoint = Ep("203.0.113.5:9"), PersistentKeepalive = 0 };
        p.AllowedIps.Add(IPNetwork.Parse("10.1.1.0/24"));
        change.Peers.Add(p);

        var lines = UapiClient.Serialize(change).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1);
        var parsed = UapiSetParser.Parse(lines, out var error);

        Assert.Null(error);
        Assert.NotNull(parsed);
        Assert.Equal((ushort)1234, parsed.ListenPort);
        var q = Assert.Single(parsed.Peers);
        Assert.Equal(Peer, q.PublicKey);
        Assert.Equal(Ep("203.0.113.5:9"), q.Endpoint);
        Assert.Equal([IPNetwork.Parse("10.1.1.0/24")], q.AllowedIps);
    }

    [Fact]
    public void Get_reply_as_wireguard_go_writes_it()
    {
        string[] reply =
        [
            $"private_key={Alice.ToHex()}",
            "listen_port=51900",
            $"public_key={Peer.ToHex()}",
            "preshared_key=0000000000000000000000000000000000000000000000000000000000000000",
            "protocol_version=1",
            "endpoint=198.51.100.5:51820",
            "last_handshake_time_sec=1764151200",
            "last_handshake_time_nsec=500000000",
            "tx_bytes=220",
            "rx_bytes=276",
            "persistent_keepalive_interval=25",
            "allowed_ip=10.9.0.2/32",
            "allowed_ip=fd00::2/128",
            $"public_key={Psk.ToHex()}",
            $"preshared_key={Psk.ToHex()}",
            "last_handshake_time_sec=0",
            "last_handshake_time_nsec=0",
            "some_future_key=1",
        ];

        var s = UapiClient.ParseGet(reply);

        Assert.Equal(Alice, s.PrivateKey);
        Assert.Equal(AlicePublic, s.PublicKey);
        Assert.Equal((ushort)51900, s.ListenPort);
        Assert.Equal(2, s.Peers.Count);
        var a = s.Peers[0];
        Assert.Equal(Peer, a.PublicKey);
        Assert.Null(a.PresharedKey);
        Assert.Equal(Ep("198.51.100.5:51820"), a.Endpoint);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764151200).AddMilliseconds(500), a.LastHandshake);
        Assert.Equal(276, a.RxBytes);
        Assert.Equal(220, a.TxBytes);
        Assert.Equal((ushort)25, a.PersistentKeepalive);
        Assert.Equal([IPNetwork.Parse("10.9.0.2/32"), IPNetwork.Parse("fd00::2/128")], a.AllowedIps);
        var b = s.Peers[1];
        Assert.Equal(Psk, b.PresharedKey);
        Assert.Null(b.LastHandshake);
        Assert.Null(b.Endpoint);
    }

    [Fact]
    public void Get_reply_from_the_server_writer_parses_back()
    {
        var status = new DeviceStatus(Alice, AlicePublic, 51820, 3,
        [
            new PeerStatus(Peer, Psk, Ep("198.51.100.10:51820"), 10, [IPNetwork.Parse("10.99.0.2/32")],
                DateTimeOffset.FromUnixTimeSeconds(1764151200), 5, 6),
        ]);
        var lines = UapiGetWriter.Write(status).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith("errno=", StringComparison.Ordinal));

        var back = UapiClient.ParseGet(lines);

        Assert.Equal(status.PrivateKey, back.PrivateKey);
        Assert.Equal(status.ListenPort, back.ListenPort);
        Assert.Equal(status.Fwmark, back.Fwmark);
        var p = Assert.Single(back.Peers);
        var q = status.Peers[0];
        Assert.Equal((q.PublicKey, q.PresharedKey, q.Endpoint, q.PersistentKeepalive, q.LastHandshake, q.RxBytes, q.TxBytes),
            (p.PublicKey, p.PresharedKey, p.Endpoint, p.PersistentKeepalive, p.LastHandshake, p.RxBytes, p.TxBytes));
        Assert.Equal(q.AllowedIps, p.AllowedIps);
    }

    [Theory]
    [InlineData("listen_port=abc", "listen_port=abc")]
    [InlineData("nonsense", "not key=value")]
    [InlineData("public_key=zz", "64 hex digits")]
    public void Malformed_reply_names_the_problem(string line, string fragment)
    {
        var e = Assert.Throws<IOException>(() => UapiClient.ParseGet([line], "/run/x.sock"));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        Assert.Contains("/run/x.sock", e.Message, StringComparison.Ordinal);
    }

    private static UdpEndpoint Ep(string text) => UdpEndpoint.TryParse(text, out var ep) ? ep : throw new FormatException(text);
}
