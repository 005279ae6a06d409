using System.Globalization;
using TestSupport;

namespace WireGuard.Tests.Interop;

/// <summary>
/// Two namespaces joined by a veth with documentation-range underlay addresses (192.0.2.1/2, 2001:db8::1/2), a
/// WireGuard daemon on each side (10.99.0.1 / 10.99.0.2, fd99::1 / fd99::2 inside the tunnel), peered with wg set.
/// </summary>
internal sealed class WgPair : IDisposable
{
    public const int PortA = 51820;
    public const int PortB = 51821;
    private readonly NetNs _nsA;
    private readonly NetNs _nsB;

    public WgPair(WgImpl a, WgImpl b)
    {
        Privileged.RequireRoot();
        Privileged.RequireTools("wg", "ping");
        _nsA = NetNs.Create("wgi");
        _nsB = NetNs.Create("wgi");
        try
        {
            NetNs.Veth(_nsA, "ua", _nsB, "ub");
            _nsA.Ip("addr", "add", "192.0.2.1/24", "dev", "ua");
            _nsB.Ip("addr", "add", "192.0.2.2/24", "dev", "ub");
            _nsA.Ip("addr", "add", "2001:db8::1/64", "dev", "ua", "nodad");
            _nsB.Ip("addr", "add", "2001:db8::2/64", "dev", "ub", "nodad");
            A = new WgNode(_nsA, a, "10.99.0.1/24");
            B = new WgNode(_nsB, b, "10.99.0.2/24");
            A.Start();
            B.Start();
            A.Up(PortA);
            B.Up(PortB);
            A.Ns.Ip("addr", "add", "fd99::1/64", "dev", A.Interface, "nodad");
            B.Ns.Ip("addr", "add", "fd99::2/64", "dev", B.Interface, "nodad");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public WgNode A { get; } = null!;

    public WgNode B { get; } = null!;

    /// <summary>Peers both sides; only <paramref name="initiator"/> gets an endpoint when <paramref name="oneWay"/>.</summary>
    public void Peer(bool ipv6Outer = false, string? psk = null, WgNode? initiator = null, bool oneWay = false)
    {
        string? pskFile = null;
        if (psk is not null)
        {
            pskFile = Path.Combine(Path.GetTempPath(), $"wgi-psk-{Guid.NewGuid():N}");
            File.WriteAllText(pskFile, psk + "\n");
            File.SetUnixFileMode(pskFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            Configure(A, B, ipv6Outer ? "[2001:db8::2]" : "192.0.2.2", PortB, "10.99.0.2/32,fd99::2/128", pskFile, !oneWay || initiator == A);
            Configure(B, A, ipv6Outer ? "[2001:db8::1]" : "192.0.2.1", PortA, "10.99.0.1/32,fd99::1/128", pskFile, !oneWay || initiator == B);
        }
        finally
        {
            if (pskFile is not null)
            {
                File.Delete(pskFile);
            }
        }
    }

    private static void Configure(WgNode self, WgNode other, string host, int port, string allowed, string? pskFile, bool withEndpoint)
    {
        List<string> args = ["set", self.Interface, "peer", other.PublicKey, "allowed-ips", allowed];
        if (withEndpoint)
        {
            args.AddRange(["endpoint", $"{host}:{port.ToString(CultureInfo.InvariantCulture)}"]);
        }

        if (pskFile is not null)
        {
            args.AddRange(["preshared-key", pskFile]);
        }

        self.Wg([.. args]);
    }

    /// <summary>The dump line of <paramref name="peer"/> as <paramref name="self"/> sees it, split on tabs.</summary>
    public static string[] DumpPeer(WgNode self, WgNode peer)
    {
        var line = self.Wg("show", self.Interface, "dump").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Single(l => l.StartsWith(peer.PublicKey, StringComparison.Ordinal));
        return line.Split('\t');
    }

    public void Dispose()
    {
        A?.Dispose();
        B?.Dispose();
        _nsA?.Dispose();
        _nsB?.Dispose();
    }
}
