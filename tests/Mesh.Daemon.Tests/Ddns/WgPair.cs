using System.Diagnostics;
using System.Net;
using TestSupport;
using WireGuard;
using WireGuard.Uapi;

namespace Mesh.Daemon.Tests.Ddns;

/// <summary>
/// Two sites in namespaces "roz" and "wro", joined by a veth "underlay" (198.51.100.1 and
/// 198.51.100.10, /24), each running Debian's wireguard-go (tunnel 10.99.0.1 and 10.99.0.2) configured
/// with `wg set`. roz knows wro only by key (its endpoint comes from DNS); wro answers roz.
/// </summary>
internal sealed class WgPair : IDisposable
{
    public const string RozUnderlay = "198.51.100.1";
    public const string RozTunnel = "10.99.0.1";
    public const string WroTunnel = "10.99.0.2";
    public const ushort Port = 51820;

    private readonly string _keys = Directory.CreateTempSubdirectory("ddkeys").FullName;

    private WgPair()
    {
        Roz = NetNs.Create("dd");
        Wro = NetNs.Create("dd");
        RozIf = "w" + Roz.Name;
        WroIf = "w" + Wro.Name;
    }

    public NetNs Roz { get; }

    public NetNs Wro { get; }

    public string RozIf { get; }

    public string WroIf { get; }

    public Key WroPublic { get; private set; }

    public Key RozPublic { get; private set; }

    public string RozAddress { get; private set; } = RozUnderlay;

    public UapiClient WroUapi => new(UapiClient.SocketPathFor(WroIf));

    private string RozPublicBase64 { get; set; } = string.Empty;

    public string WroUnderlay { get; private set; } = "198.51.100.10";

    public UapiClient RozUapi => new(UapiClient.SocketPathFor(RozIf));

    public static WgPair Create(bool wroKnowsRoz)
    {
        Privileged.RequireRoot();
        Privileged.RequireTools("wireguard-go", "wg", "ping");
        var p = new WgPair();
        try
        {
            p.Build(wroKnowsRoz);
            return p;
        }
        catch
        {
            p.Dispose();
            throw;
        }
    }

    /// <summary>Readdresses wro's underlay (its "public IP changes").</summary>
    public void MoveWro(string address)
    {
        Wro.Ip("addr", "del", WroUnderlay + "/24", "dev", "u0");
        Wro.Ip("addr", "add", address + "/24", "dev", "u0");
        WroUnderlay = address;
    }

    /// <summary>Readdresses roz's underlay.</summary>
    public void MoveRoz(string address)
    {
        Roz.Ip("addr", "del", RozAddress + "/24", "dev", "u0");
        Roz.Ip("addr", "add", address + "/24", "dev", "u0");
        RozAddress = address;
    }

    /// <summary>
    /// Re-sets wro's endpoint for roz. Debian's wireguard-go (0.0.20220316) keeps a "sticky" source address per
    /// peer and keeps sending from the deleted one after readdressing (a kernel peer picks the new source by
    /// itself); setting the endpoint again clears it, so wro's next packets come from its new address.
    /// </summary>
    public void WroForgetsStaleSource() =>
        Wro.Must("wg", "set", WroIf, "peer", RozPublicBase64, "endpoint", $"{RozUnderlay}:{Port}");

    /// <summary>Pings through the tunnel from <paramref name="from"/> until one reply or the deadline; returns true on a reply.</summary>
    public static bool Ping(NetNs from, string to, TimeSpan deadline)
    {
        var secs = Math.Max(1, (int)Math.Ceiling(deadline.TotalSeconds));
        var r = from.Exec("ping", ["-n", "-q", "-c", "1", "-i", "0.2", "-W", "1", "-w", secs.ToString(System.Globalization.CultureInfo.InvariantCulture), to], deadline + TimeSpan.FromSeconds(5));
        return r.ExitCode == 0;
    }

    /// <summary>roz's current endpoint for wro as wireguard-go reports it.</summary>
    public Task<IPEndPoint?> RozEndpointOfWroAsync(CancellationToken ct) => EndpointAsync(RozUapi, WroPublic, ct);

    /// <summary>wro's current endpoint for roz.</summary>
    public Task<IPEndPoint?> WroEndpointOfRozAsync(CancellationToken ct) => EndpointAsync(WroUapi, RozPublic, ct);

    /// <summary>Polls until roz's endpoint for wro equals <paramref name="expected"/>; returns the time it took or null.</summary>
    public Task<TimeSpan?> WaitRozEndpointAsync(IPEndPoint expected, TimeSpan limit, CancellationToken ct) =>
        WaitEndpointAsync(RozUapi, WroPublic, expected, limit, ct);

    /// <summary>Polls until wro's endpoint for roz equals <paramref name="expected"/>.</summary>
    public Task<TimeSpan?> WaitWroEndpointAsync(IPEndPoint expected, TimeSpan limit, CancellationToken ct) =>
        WaitEndpointAsync(WroUapi, RozPublic, expected, limit, ct);

    private static async Task<IPEndPoint?> EndpointAsync(UapiClient uapi, Key peer, CancellationToken ct)
    {
        var status = await uapi.GetAsync(ct);
        return status.Peers.Single(p => p.PublicKey == peer).Endpoint?.ToIPEndPoint();
    }

    private static async Task<TimeSpan?> WaitEndpointAsync(UapiClient uapi, Key peer, IPEndPoint expected, TimeSpan limit, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < limit)
        {
            if (expected.Equals(await EndpointAsync(uapi, peer, ct)))
            {
                return sw.Elapsed;
            }

            await Task.Delay(50, ct);
        }

        return null;
    }

    public void Dispose()
    {
        foreach (var (ns, ifname) in new[] { (Roz, RozIf), (Wro, WroIf) })
        {
            // deleting the link makes wireguard-go exit cleanly and remove its socket
            Sh.Run("ip", ["-n", ns.Name, "link", "del", ifname]);
        }

        for (var i = 0; i < 40 && (File.Exists(UapiClient.SocketPathFor(RozIf)) || File.Exists(UapiClient.SocketPathFor(WroIf))); i++)
        {
            Thread.Sleep(50);
        }

        Roz.Dispose();
        Wro.Dispose();
        File.Delete(UapiClient.SocketPathFor(RozIf));
        File.Delete(UapiClient.SocketPathFor(WroIf));
        Directory.Delete(_keys, recursive: true);
    }

    private void Build(bool wroKnowsRoz)
    {
        NetNs.Veth(Roz, "u0", Wro, "u0");
        Roz.Ip("addr", "add", RozUnderlay + "/24", "dev", "u0");
        Wro.Ip("addr", "add", WroUnderlay + "/24", "dev", "u0");

        var (rozPriv, rozPub) = KeyPair("roz");
        var (wroPriv, wroPub) = KeyPair("wro");
        RozPublicBase64 = rozPub;
        RozPublic = Key.TryParseBase64(rozPub, out var rk) ? rk : throw new InvalidOperationException("wg pubkey output");
        WroPublic = Key.TryParseBase64(wroPub, out var k) ? k : throw new InvalidOperationException("wg pubkey output");

        StartWg(Roz, RozIf, RozTunnel, rozPriv, wroPub, WroTunnel, endpoint: null);
        StartWg(Wro, WroIf, WroTunnel, wroPriv, rozPub, RozTunnel, wroKnowsRoz ? $"{RozUnderlay}:{Port}" : null);
    }

    private void StartWg(NetNs ns, string ifname, string tunnel, string privFile, string peerPub, string peerTunnel, string? endpoint)
    {
        ns.Start("wireguard-go", "-f", ifname);
        var sock = UapiClient.SocketPathFor(ifname);
        for (var i = 0; i < 100 && !File.Exists(sock); i++)
        {
            Thread.Sleep(50);
        }

        if (!File.Exists(sock))
        {
            throw new TimeoutException($"wireguard-go {ifname} did not create {sock} within 5 s");
        }

        string[] peer = ["peer", peerPub, "allowed-ips", peerTunnel + "/32"];
        if (endpoint is not null)
        {
            peer = [.. peer, "endpoint", endpoint];
        }

        ns.Must("wg", ["set", ifname, "private-key", privFile, "listen-port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. peer]);
        ns.Ip("addr", "add", tunnel + "/24", "dev", ifname);
        ns.Ip("link", "set", ifname, "up");
    }

    private (string PrivateFile, string Public) KeyPair(string name)
    {
        var priv = Sh.Must("wg", "genkey").Trim();
        var file = Path.Combine(_keys, name + ".key");
        File.WriteAllText(file, priv + "\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var pub = Sh.Run("wg", ["pubkey"], stdin: priv + "\n").EnsureSuccess("wg pubkey").StdOut.Trim();
        return (file, pub);
    }
}
