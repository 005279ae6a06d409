using TestSupport;

namespace Mesh.Daemon.Tests.Nft;

/// <summary>
/// Real packets for the nftables tests: a python listener (TCP 179, UDP 4789) that logs each sender to a file,
/// and a one-shot sender bound to a chosen source address.
/// </summary>
internal sealed class PacketProbe : IDisposable
{
    private const string ListenerCode = """
        import select, socket, sys
        out = open(sys.argv[1], 'a', buffering=1)
        t = socket.socket(); t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); t.bind(('0.0.0.0', 179)); t.listen(16)
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('0.0.0.0', 4789))
        out.write('ready\n')
        while True:
            r, _, _ = select.select([t, u], [], [], 60)
            if not r:
                break
            for s in r:
                if s is t:
                    c, a = t.accept(); out.write('tcp %s\n' % a[0]); c.close()
                else:
                    d, a = u.recvfrom(2048); out.write('udp %s\n' % a[0])
        """;

    private const string SenderCode = """
        import socket, sys
        proto, src, dst, port = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
        if proto == 'tcp':
            s = socket.socket(); s.bind((src, 0)); s.settimeout(1.5)
            try:
                s.connect((dst, port)); print('connected')
            except OSError as e:
                print('failed %s' % e)
        else:
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind((src, 0)); s.sendto(b'vxlan-probe', (dst, port)); print('sent')
        """;

    private readonly string _log = Path.Combine(Path.GetTempPath(), $"meshd-fw-probe-{Guid.NewGuid():N}.log");

    public PacketProbe(NetNs listener)
    {
        File.WriteAllText(_log, string.Empty);
        listener.Start("python3", "-c", ListenerCode, _log);
        Assert.True(WaitFor("ready"), "the probe listener did not start within 10 s");
    }

    /// <summary>Connects over TCP from <paramref name="src"/>; true when the handshake completed.</summary>
    public static bool TcpConnects(NetNs from, string src, string dst, int port) =>
        from.Exec("python3", ["-c", SenderCode, "tcp", src, dst, port.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10))
            .EnsureSuccess("tcp probe").StdOut.StartsWith("connected", StringComparison.Ordinal);

    /// <summary>Sends one UDP datagram from <paramref name="src"/>.</summary>
    public static void SendUdp(NetNs from, string src, string dst, int port) =>
        from.Exec("python3", ["-c", SenderCode, "udp", src, dst, port.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10))
            .EnsureSuccess("udp probe");

    /// <summary>True when the listener logged <paramref name="line"/>.</summary>
    public bool Saw(string line) => File.ReadAllLines(_log).Contains(line);

    /// <summary>Waits (at most 10 s, polling) until the listener logs <paramref name="line"/>.</summary>
    public bool WaitFor(string line)
    {
        for (var i = 0; i < 200; i++)
        {
            if (Saw(line))
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return false;
    }

    public void Dispose() => File.Delete(_log);
}
