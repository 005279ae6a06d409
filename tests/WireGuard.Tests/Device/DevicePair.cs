using System.Buffers.Binary;
using System.Net;
using WireGuard.Conn;
using WireGuard.Crypto;
using WireGuard.Device;

namespace WireGuard.Tests.Device;

/// <summary>Two devices, A (10.0.0.1, 192.0.2.1:51820) and B (10.0.0.2, 192.0.2.2:51821), on a MemoryNetwork.</summary>
public sealed class DevicePair : IDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public DevicePair(bool start = true, Key? psk = null, bool bKnowsAEndpoint = false, int batch = 16, int parallelism = 2)
    {
        TunA = new MemoryTun("wga") { BatchSize = batch };
        TunB = new MemoryTun("wgb") { BatchSize = batch };
        KeyA = NewKey();
        KeyB = NewKey();
        PubA = PublicOf(KeyA);
        PubB = PublicOf(KeyB);
        BindA = new MemoryBind(Net, IPAddress.Parse("192.0.2.1")) { BatchSize = batch };
        BindB = new MemoryBind(Net, IPAddress.Parse("192.0.2.2")) { BatchSize = batch };
        A = new WireGuardDevice(TunA, BindA, null, Time) { CryptoParallelism = parallelism };
        B = new WireGuardDevice(TunB, BindB, null, Time) { CryptoParallelism = parallelism };

        var ca = new DeviceConfigChange { PrivateKey = KeyA, ListenPort = 51820 };
        var pb = new PeerConfigChange(PubB) { Endpoint = MemoryNetwork.Endpoint("192.0.2.2", 51821), PresharedKey = psk };
        pb.AllowedIps.Add(IPNetwork.Parse("10.0.0.2/32"));
        pb.AllowedIps.Add(IPNetwork.Parse("fd00::2/128"));
        ca.Peers.Add(pb);
        A.Apply(ca);

        var cb = new DeviceConfigChange { PrivateKey = KeyB, ListenPort = 51821 };
        var pa = new PeerConfigChange(PubA) { PresharedKey = psk };
        if (bKnowsAEndpoint)
        {
            pa.Endpoint = MemoryNetwork.Endpoint("192.0.2.1", 51820);
        }

        pa.AllowedIps.Add(IPNetwork.Parse("10.0.0.1/32"));
        pa.AllowedIps.Add(IPNetwork.Parse("fd00::1/128"));
        cb.Peers.Add(pa);
        B.Apply(cb);
        if (start)
        {
            A.Start();
            B.Start();
        }
    }

    public MemoryNetwork Net { get; } = new();

    public ManualTime Time { get; } = new();

    public MemoryTun TunA { get; }

    public MemoryTun TunB { get; }

    public MemoryBind BindA { get; }

    public MemoryBind BindB { get; }

    public WireGuardDevice A { get; }

    public WireGuardDevice B { get; }

    public Key KeyA { get; }

    public Key KeyB { get; }

    public Key PubA { get; }

    public Key PubB { get; }

    public static Key NewKey()
    {
        var b = new byte[32];
        Curve25519.GeneratePrivateKey(b);
        return new Key(b);
    }

    public static Key PublicOf(Key priv)
    {
        var b = new byte[32];
        Curve25519.PublicKey(priv.Bytes, b);
        return new Key(b);
    }

    /// <summary>An IPv4 packet of <paramref name="totalLength"/> bytes with a recognisable payload.</summary>
    public static byte[] Ipv4(string src, string dst, int totalLength, byte fill = 0xab)
    {
        var p = new byte[totalLength];
        p[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), (ushort)totalLength);
        p[8] = 64;
        p[9] = 1;
        IPAddress.Parse(src).TryWriteBytes(p.AsSpan(12), out _);
        IPAddress.Parse(dst).TryWriteBytes(p.AsSpan(16), out _);
        p.AsSpan(20).Fill(fill);
        return p;
    }

    /// <summary>An IPv6 packet of <paramref name="totalLength"/> bytes.</summary>
    public static byte[] Ipv6(string src, string dst, int totalLength)
    {
        var p = new byte[totalLength];
        p[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(4), (ushort)(totalLength - 40));
        p[6] = 58;
        p[7] = 64;
        IPAddress.Parse(src).TryWriteBytes(p.AsSpan(8), out _);
        IPAddress.Parse(dst).TryWriteBytes(p.AsSpan(24), out _);
        p.AsSpan(40).Fill(0x5a);
        return p;
    }

    /// <summary>Sends from A to B and returns what B's TUN received (null on timeout).</summary>
    public byte[]? AToB(byte[] packet)
    {
        TunA.Inject(packet);
        return TunB.TryTake(out var got, Wait) ? got : null;
    }

    /// <summary>Sends from B to A and returns what A's TUN received (null on timeout).</summary>
    public byte[]? BToA(byte[] packet)
    {
        TunB.Inject(packet);
        return TunA.TryTake(out var got, Wait) ? got : null;
    }

    /// <summary>Polls until <paramref name="condition"/> holds (bounded: 10 s).</summary>
    public static bool Eventually(Func<bool> condition)
    {
        var until = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < until)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(5);
        }

        return condition();
    }

    public PeerStatus PeerOf(WireGuardDevice d) => d.GetStatus().Peers.Single();

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }
}
