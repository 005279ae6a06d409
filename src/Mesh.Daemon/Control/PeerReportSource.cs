using Frr;
using Mesh.Control;
using Mesh.Daemon.Reconcile;
using Mesh.Daemon.Probe;
using Mesh.Daemon.Subsystems;
using Mesh.Model;
using Mesh.Planning;

namespace Mesh.Daemon.Control;

/// <summary>Builds `meshctl peers` rows from the plan, the WireGuard device, the DDNS watchers and FRR.</summary>
public sealed class PeerReportSource : IPeerReportSource
{
    private readonly ReconcileLoop _loop;
    private readonly WireGuardSubsystem _wireguard;
    private readonly DdnsSubsystem _ddns;
    private readonly FrrSubsystem _frr;
    private readonly PathMtuProber _prober;

    /// <summary>Creates the source.</summary>
    public PeerReportSource(ReconcileLoop loop, WireGuardSubsystem wireguard, DdnsSubsystem ddns, FrrSubsystem frr, PathMtuProber prober)
    {
        _loop = loop;
        _wireguard = wireguard;
        _ddns = ddns;
        _frr = frr;
        _prober = prober;
    }

    /// <inheritdoc/>
    public async Task<PeersReport> GetPeersAsync(CancellationToken cancellationToken)
    {
        var plan = _loop.CurrentPlan;
        if (plan is null)
        {
            return new PeersReport("?", []);
        }

        var status = _wireguard.Device?.GetStatus();
        var dns = _ddns.Snapshots();
        EvpnSummary? bgp = null;
        try
        {
            // Proxmox nodes too: there the SDN writes FRR's config, but the sessions are the mesh's
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            bgp = await new FrrStatus(_frr.Instance).GetSummaryAsync(timeout.Token);
        }
        catch (Exception e) when (e is FrrException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            bgp = null;
        }

        var rows = new List<PeerReport>();
        foreach (var p in plan.WireGuard.Peers)
        {
            var key = WireGuardDesired.PublicKey(p);
            var s = status?.Peers.FirstOrDefault(x => x.PublicKey == key);
            var d = dns.FirstOrDefault(x => x.Peer == key);
            var vtep = plan.Evpn.Neighbors.FirstOrDefault(n => p.AllowedIps.Any(a => a.Contains(n)));
            var session = vtep is null ? null : bgp?.Peers.FirstOrDefault(b => b.Address == vtep.ToString());
            var probe = _prober.Get(p.Name);
            rows.Add(new PeerReport(
                p.Name, p.Site, p.PublicKey.Base64,
                p.EndpointHost is null ? null : $"{p.EndpointHost}:{p.EndpointPort}",
                s?.Endpoint?.ToString(), d?.ResolvedAt, d?.TtlLeft?.TotalSeconds, d?.LastError,
                s?.LastHandshake, s?.RxBytes ?? 0, s?.TxBytes ?? 0,
                session?.State ?? (bgp is null ? null : "-"),
                session is null ? null : FormatUptime(session.Uptime),
                session is null ? null : (int)session.PrefixesReceived,
                plan.Mtu.OverlayMtu,
                probe?.Mtu is { } probed ? MtuCalculator.OverlayMtu(probed) : null, // same level as the planned overlay MTU
                probe?.At));
        }

        return new PeersReport(plan.Node, rows);
    }

    private static string FormatUptime(TimeSpan t) =>
        t.TotalSeconds < 60 ? $"{(int)t.TotalSeconds}s" : t.TotalMinutes < 60 ? $"{(int)t.TotalMinutes}m" : t.TotalHours < 24 ? $"{(int)t.TotalHours}h" : $"{(int)t.TotalDays}d";
}
