using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using TestSupport;
using WireGuard.Conn;
using WireGuard.Crypto;
using WireGuard.Device;
using WireGuard.Linux;
using WireGuard.Tests.Linux;
using WireGuard.Tun;

namespace WireGuard.Tests.Interop;

/// <summary>
/// The engine in process (real TUN and UDP socket inside a test namespace, counters readable) against Debian's
/// wireguard-go: replayed, forged and malformed datagrams are dropped and counted; under load the cookie path
/// lets the real peer in while an initiation flood is turned away.
/// </summary>
public sealed class HostileTrafficTests
{
    private sealed class Setup : IDisposable
    {
        public Setup()
        {
            Privileged.RequireRoot();
            Privileged.RequireTools("wireguard-go", "wg", "ping");
            NsA = NetNs.Create("wgi");
            NsB = NetNs.Create("wgi");
            try
            {
                NetNs.Veth(NsA, "ua", NsB, "ub");
                NsA.Ip("addr", "add", "192.0.2.1/24", "dev", "ua");
                NsB.Ip("addr", "add", "192.0.2.2/24", "dev", "ub");
                NsB.Ip("addr", "add", "192.0.2.66/24", "dev", "ub");
                var name = $"wgi{Environment.ProcessId % 10000}e{Interlocked.Increment(ref _n)}";
                var key = Key.TryParseBase64(WgPairKeys.Private(), out var k) ? k : throw new InvalidOperationException("wg genkey");
                PublicKeyA = WgPairKeys.Public(key.ToBase64());
                Device = InNamespace.Run(NsA.Name, () =>
                {
                    var d = new WireGuardDevice(LinuxTun.Create(name, 1420), new LinuxBind());
                    var c = new DeviceConfigChange { PrivateKey = key, ListenPort = 51820 };
                    d.Apply(c);
                    d.Start();
                    return d;
                });
                NsA.Ip("addr", "add", "10.99.0.1/24", "dev", name);
                NsA.Ip("link", "set", name, "up");
                Tap = new UdpTap(
                    InNamespace.Run(NsA.Name, () =>
                    {
                        var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                        s.Bind(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 51900));
                        return s;
                    }),
                    new IPEndPoint(IPAddress.Parse("192.0.2.1"), 51820));
                B = new WgNode(NsB, WgImpl.WireGuardGo, "10.99.0.2/24");
                B.Start();
                B.Up(51821);
                B.Wg("set", B.Interface, "peer", PublicKeyA, "endpoint", "192.0.2.1:51900", "allowed-ips", "10.99.0.1/32");
                var peer = new PeerConfigChange(Key.TryParseBase64(B.PublicKey, out var pb) ? pb : default);
                peer.AllowedIps.Add(IPNetwork.Parse("10.99.0.2/32"));
                Device.Apply(new DeviceConfigChange { Peers = { peer } });
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        private static int _n;

        public NetNs NsA { get; }

        public NetNs NsB { get; }

        public WireGuardDevice Device { get; } = null!;

        public UdpTap Tap { get; } = null!;

        public WgNode B { get; } = null!;

        public string PublicKeyA { get; } = string.Empty;

        public DeviceCountersSnapshot Counters => Device.GetCounters();

        public void Dispose()
        {
            B?.Dispose();
            Tap?.Dispose();
            Device?.Dispose();
            NsA?.Dispose();
            NsB?.Dispose();
        }
    }

    private static bool Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            Thread.Sleep(50);
        }

        return condition();
    }

    [Fact]
    public void Replayed_forged_and_malformed_datagrams_are_dropped_and_counted()
    {
        using var s = new Setup();
        Assert.True(s.B.Ping("10.99.0.1", count: 4), "wireguard-go cannot reach the engine");
        var transport = s.Tap.FromPeer(4).Where(d => d.Length > 32).ToList();
        Assert.NotEmpty(transport);
        var before = s.Counters;

        var replay = transport[^1];
        s.Tap.Inject(replay);
        var forged = (byte[])replay.Clone();
        forged[8]++; // a fresh counter, so only the tag can reject it
        forged[^1] ^= 0x55;
        s.Tap.Inject(forged);
        s.Tap.Inject(RandomNumberGenerator.GetBytes(100));
        var badMac = RandomNumberGenerator.GetBytes(148);
        badMac[0] = 1;
        badMac[1] = badMac[2] = badMac[3] = 0;
        s.Tap.Inject(badMac);

        Assert.True(Eventually(() => s.Counters.Replay > before.Replay), "the replayed packet was not counted");
        Assert.True(Eventually(() => s.Counters.ForgedTag > before.ForgedTag), "the forged packet was not counted");
        Assert.True(Eventually(() => s.Counters.Malformed > before.Malformed), "the garbage datagram was not counted");
        Assert.True(Eventually(() => s.Counters.BadMac > before.BadMac), "the bad-mac1 initiation was not counted");
        Assert.True(s.B.Ping("10.99.0.1"), "the tunnel stopped working after hostile input");
    }

    [Fact]
    public async Task Under_load_the_cookie_path_admits_the_real_peer_while_a_flood_is_turned_away()
    {
        using var s = new Setup();
        s.Device.UnderLoadThreshold = 0; // every handshake is "under load": mac2 (a cookie) is required
        var mac1Key = new byte[32];
        Blake2s.Hash("mac1----"u8, Convert.FromBase64String(s.PublicKeyA), mac1Key);
        using var flood = InNamespace.Run(s.NsB.Name, () =>
        {
            var f = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            f.Bind(new IPEndPoint(IPAddress.Parse("192.0.2.66"), 0));
            return f;
        });
        using var stop = new CancellationTokenSource();
        var flooder = Task.Run(
            () =>
            {
                var sent = 0;
                var target = new IPEndPoint(IPAddress.Parse("192.0.2.1"), 51820);
                while (!stop.IsCancellationRequested && sent < 200_000)
                {
                    var m = RandomNumberGenerator.GetBytes(148);
                    m[0] = 1;
                    m[1] = m[2] = m[3] = 0;
                    m.AsSpan(132).Clear();
                    Blake2s.Mac(mac1Key, m.AsSpan(0, 116), m.AsSpan(116, 16));
                    flood.SendTo(m, target);
                    sent++;
                    Thread.Sleep(1); // about 1000 initiations/s, within what one handshake worker answers on a busy 2-core VM
                }

                return sent;
            },
            TestContext.Current.CancellationToken);

        var ok = s.B.Ping("10.99.0.1", count: 50); // 10 s: wireguard-go retries with the cookie after its 5 s rekey timeout
        stop.Cancel();
        var sent = await flooder;
        var c = s.Counters;

        Assert.True(ok, $"the real peer did not get through the cookie path (flood of {sent}, {s.Tap.FromPeer(1).Count} initiations from the peer, counters {c})");
        Assert.True(c.CookieRepliesSent > 0, "no cookie reply was sent under load");
        Assert.True(s.Tap.FromPeer(1).Any(i => i.AsSpan(132, 16).ContainsAnyExcept((byte)0)), "wireguard-go never retried with a mac2");
        Assert.True(s.B.Ping("10.99.0.1"));
    }
}
