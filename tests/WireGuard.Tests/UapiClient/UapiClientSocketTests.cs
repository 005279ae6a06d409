using System.Net;
using TestSupport;
using WireGuard.Conn;
using WireGuard.Device;
using WireGuard.Uapi;

namespace WireGuard.Tests.UapiClientSuite;

/// <summary>The client over real Unix sockets: against our UAPI server and against Debian's wireguard-go.</summary>
public sealed class UapiClientSocketTests : IDisposable
{
    private static readonly Key Peer = new(Enumerable.Repeat((byte)0xab, 32).ToArray());
    private readonly string _dir = Directory.CreateTempSubdirectory("dduapi").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_and_set_through_the_uapi_server()
    {
        var device = new RecordingDevice();
        using var server = UapiServer.Start("ddc0", device, _dir);
        var client = new UapiClient(server.SocketPath);

        var status = await client.GetAsync(Ct);
        Assert.Equal((ushort)51820, status.ListenPort);
        Assert.Equal(Ep("198.51.100.10:51820"), Assert.Single(status.Peers).Endpoint);

        var change = new DeviceConfigChange();
        change.Peers.Add(new PeerConfigChange(Peer) { UpdateOnly = true, Endpoint = Ep("198.51.100.20:51820") });
        await client.SetAsync(change, Ct);

        var applied = Assert.Single(device.Applied);
        var p = Assert.Single(applied.Peers);
        Assert.True(p.UpdateOnly);
        Assert.Equal(Ep("198.51.100.20:51820"), p.Endpoint);
        Assert.Empty(p.AllowedIps);
        Assert.Null(p.PersistentKeepalive);
        Assert.False(applied.ReplacePeers);
    }

    [Fact]
    public async Task Refused_request_throws_with_the_errno()
    {
        var device = new RecordingDevice { Refuse = new WireGuardConfigException(98, "port taken") };
        using var server = UapiServer.Start("ddc1", device, _dir);
        var client = new UapiClient(server.SocketPath);

        var e = await Assert.ThrowsAsync<WireGuardConfigException>(() => client.SetAsync(new DeviceConfigChange { ListenPort = 1 }, Ct));
        Assert.Equal(98, e.Errno);
        Assert.Contains("EADDRINUSE", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silent_daemon_times_out_with_a_clear_error()
    {
        var path = Path.Combine(_dir, "mute.sock");
        using var listener = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        listener.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        var client = new UapiClient(path) { Timeout = TimeSpan.FromMilliseconds(200) };

        var e = await Assert.ThrowsAsync<IOException>(() => client.GetAsync(Ct));
        Assert.Contains("did not answer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_socket_says_what_to_check()
    {
        var client = new UapiClient(Path.Combine(_dir, "nothing.sock"));
        var e = await Assert.ThrowsAsync<IOException>(() => client.GetAsync(Ct));
        Assert.Contains("nothing.sock", e.Message, StringComparison.Ordinal);
        Assert.Contains("running", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wireguard_go_interop_endpoint_update_keeps_every_other_setting()
    {
        Privileged.RequireRoot();
        Privileged.RequireTools("wireguard-go", "wg");
        using var ns = NetNs.Create("ddu");
        var ifname = "w" + ns.Name;
        var sock = UapiClient.SocketPathFor(ifname);
        try
        {
            ns.Start("wireguard-go", "-f", ifname);
            for (var i = 0; i < 100 && !File.Exists(sock); i++)
            {
                await Task.Delay(50, Ct);
            }

            var client = new UapiClient(sock);
            var priv = new Key(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
            var full = new DeviceConfigChange { PrivateKey = priv, ListenPort = 51999 };
            var p = new PeerConfigChange(Peer) { Endpoint = Ep("198.51.100.10:51820"), PersistentKeepalive = 25 };
            p.AllowedIps.Add(IPNetwork.Parse("10.99.0.2/32"));
            full.Peers.Add(p);
            await client.SetAsync(full, Ct);

            var endpointOnly = new DeviceConfigChange();
            endpointOnly.Peers.Add(new PeerConfigChange(Peer) { UpdateOnly = true, Endpoint = Ep("198.51.100.20:51820") });
            var stranger = new Key(Enumerable.Repeat((byte)0x42, 32).ToArray());
            endpointOnly.Peers.Add(new PeerConfigChange(stranger) { UpdateOnly = true, Endpoint = Ep("203.0.113.1:1") });
            await client.SetAsync(endpointOnly, Ct);

            var s = await client.GetAsync(Ct);
            var clamped = priv.Bytes.ToArray();
            clamped[0] &= 248;
            clamped[31] = (byte)((clamped[31] & 127) | 64);
            Assert.Equal(new Key(clamped), s.PrivateKey); // wireguard-go stores the clamped scalar
            Assert.NotNull(s.PublicKey);
            Assert.Equal((ushort)51999, s.ListenPort);
            var peer = Assert.Single(s.Peers); // update_only did not create the stranger
            Assert.Equal(Ep("198.51.100.20:51820"), peer.Endpoint);
            Assert.Equal((ushort)25, peer.PersistentKeepalive);
            Assert.Equal([IPNetwork.Parse("10.99.0.2/32")], peer.AllowedIps);
            Assert.Null(peer.LastHandshake);

            // what wg(8) shows agrees
            var dump = ns.Must("wg", "show", ifname, "endpoints");
            Assert.Contains($"{peer.PublicKey.ToBase64()}\t198.51.100.20:51820", dump, StringComparison.Ordinal);

            // a port held by another socket in the namespace: wireguard-go answers errno=-98
            ns.Start("python3", "-c", "import socket,time;s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);s.bind(('0.0.0.0',52000));time.sleep(60)");
            for (var i = 0; i < 100 && !ns.Must("ss", "-uanH").Contains(":52000", StringComparison.Ordinal); i++)
            {
                await Task.Delay(50, Ct);
            }

            var ex = await Assert.ThrowsAsync<WireGuardConfigException>(() => client.SetAsync(new DeviceConfigChange { ListenPort = 52000 }, Ct));
            Assert.Equal(98, ex.Errno);
            // (wireguard-go closes the old port before binding the new one, so it is left unbound here: not atomic)
        }
        finally
        {
            Sh.Run("ip", ["-n", ns.Name, "link", "del", ifname]);
            for (var i = 0; i < 40 && File.Exists(sock); i++)
            {
                await Task.Delay(50, Ct);
            }

            File.Delete(sock);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static UdpEndpoint Ep(string text) => UdpEndpoint.TryParse(text, out var ep) ? ep : throw new FormatException(text);

    private sealed class RecordingDevice : IWireGuardDevice
    {
        public List<DeviceConfigChange> Applied { get; } = [];

        public WireGuardConfigException? Refuse { get; init; }

        public void Apply(DeviceConfigChange change)
        {
            if (Refuse is not null)
            {
                throw Refuse;
            }

            Applied.Add(change);
        }

        public DeviceStatus GetStatus() => new(null, null, 51820, 0,
            [new PeerStatus(Peer, null, Ep("198.51.100.10:51820"), 0, [IPNetwork.Parse("10.99.0.2/32")], null, 0, 0)]);
    }
}
