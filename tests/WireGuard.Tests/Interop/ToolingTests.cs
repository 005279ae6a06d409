using System.Net.Sockets;
using System.Text;

namespace WireGuard.Tests.Interop;

/// <summary>wg(8) drives the device under test (A) through UAPI: set, show, showconf, syncconf, dump, bad requests.</summary>
public sealed class ToolingTests
{
    public static TheoryData<WgImpl> Impls => new() { WgImpl.WireGuardGo, WgImpl.MeshWg };

    private static string NewPub() => WgPairKeys.Public(WgPairKeys.Private());

    [Theory]
    [MemberData(nameof(Impls))]
    public void Set_show_dump_showconf_and_syncconf_round_trip(WgImpl impl)
    {
        using var p = new WgPair(impl, WgImpl.WireGuardGo);
        p.Peer();
        var a = p.A;
        var p1 = NewPub();
        var p2 = NewPub();
        var psk = WgPairKeys.Private();
        var pskFile = Path.Combine(Path.GetTempPath(), $"wgi-psk-{Guid.NewGuid():N}");
        File.WriteAllText(pskFile, psk + "\n");
        try
        {
            a.Wg("set", a.Interface, "fwmark", "0x42",
                "peer", p1, "allowed-ips", "10.1.0.0/24,fd01::/64", "endpoint", "192.0.2.9:1234", "persistent-keepalive", "25", "preshared-key", pskFile,
                "peer", p2, "allowed-ips", "10.2.0.0/16");
        }
        finally
        {
            File.Delete(pskFile);
        }

        var dump = a.Wg("show", a.Interface, "dump").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        Assert.Equal([a.PrivateKey, a.PublicKey, "51820", "0x42"], dump[0]);
        var l1 = dump.Single(l => l[0] == p1);
        Assert.Equal(psk, l1[1]);
        Assert.Equal("192.0.2.9:1234", l1[2]);
        Assert.Equal(["10.1.0.0/24", "fd01::/64"], l1[3].Split(',').Order());
        Assert.Equal("25", l1[7]);
        var l2 = dump.Single(l => l[0] == p2);
        Assert.Equal(["(none)", "(none)", "10.2.0.0/16", "0", "0", "0", "off"], l2[1..]);

        var human = a.Wg("show", a.Interface);
        Assert.Contains($"peer: {p1}", human, StringComparison.Ordinal);
        Assert.Contains("persistent keepalive: every 25 seconds", human, StringComparison.Ordinal);
        Assert.Contains("fwmark: 0x42", human, StringComparison.Ordinal);

        var conf = a.Wg("showconf", a.Interface);
        Assert.Contains("ListenPort = 51820", conf, StringComparison.Ordinal);
        Assert.Contains($"PrivateKey = {a.PrivateKey}", conf, StringComparison.Ordinal);
        Assert.Contains($"PublicKey = {p2}", conf, StringComparison.Ordinal);

        // syncconf: drop p2, add p3, switch p1's keepalive off; the live peer B stays untouched and reachable
        var p3 = NewPub();
        var edited = conf.Replace("PersistentKeepalive = 25", "PersistentKeepalive = 0", StringComparison.Ordinal)
            .Replace($"PublicKey = {p2}", $"PublicKey = {p3}", StringComparison.Ordinal);
        var file = Path.Combine(Path.GetTempPath(), $"wgi-sync-{Guid.NewGuid():N}.conf");
        File.WriteAllText(file, edited);
        try
        {
            a.Wg("syncconf", a.Interface, file);
        }
        finally
        {
            File.Delete(file);
        }

        var after = a.Wg("show", a.Interface, "dump").Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split('\t')).ToList();
        Assert.Equal(new[] { p.B.PublicKey, p1, p3 }.Order(), after.Select(l => l[0]).Order());
        Assert.Equal("off", after.Single(l => l[0] == p1)[7]);
        Assert.True(a.Ping("10.99.0.2"), "the device stopped working after syncconf");
    }

    [Theory]
    [MemberData(nameof(Impls))]
    public void Malformed_requests_get_negative_errno_and_the_device_keeps_working(WgImpl impl)
    {
        using var p = new WgPair(impl, WgImpl.WireGuardGo);
        p.Peer();
        Assert.Equal("errno=-22", Request(p.A.SocketPath, "set=1\nlisten_port=abc\n\n"));
        Assert.Equal("errno=-22", Request(p.A.SocketPath, "set=1\nno_such_key=1\n\n"));
        Assert.Equal("errno=-22", Request(p.A.SocketPath, $"set=1\npublic_key={new string('0', 63)}\n\n"));
        Assert.Equal("errno=-71", Request(p.A.SocketPath, "set=1\nthis line has no equals sign\n\n"));
        Assert.Contains("listen_port=51820", Request(p.A.SocketPath, "get=1\n\n", whole: true), StringComparison.Ordinal);
        Assert.True(p.A.Ping("10.99.0.2"), "the device stopped working after bad UAPI requests");
        Assert.Equal(p.B.PublicKey, WgPair.DumpPeer(p.A, p.B)[0]);
    }

    private static string Request(string socketPath, string request, bool whole = false)
    {
        using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        s.ReceiveTimeout = 5000;
        s.Connect(new UnixDomainSocketEndPoint(socketPath));
        s.Send(Encoding.ASCII.GetBytes(request));
        var sb = new StringBuilder();
        var buf = new byte[8192];
        while (!sb.ToString().Contains("\n\n", StringComparison.Ordinal) || !sb.ToString().Contains("errno=", StringComparison.Ordinal))
        {
            var n = s.Receive(buf);
            if (n == 0)
            {
                break;
            }

            sb.Append(Encoding.ASCII.GetString(buf, 0, n));
        }

        var text = sb.ToString();
        return whole ? text : text.Split('\n').First(l => l.StartsWith("errno=", StringComparison.Ordinal));
    }
}
