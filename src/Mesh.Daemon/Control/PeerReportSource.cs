using Mesh.Control;
using Mesh.Daemon.Reconcile;
using Mesh.Daemon.Subsystems;

namespace Mesh.Daemon.Control;

/// <summary>Builds `meshctl peers` rows from the plan, the WireGuard device, the DDNS watchers and FRR.</summary>
public sealed class PeerReportSource : IPeerReportSource
{
    private readonly ReconcileLoop _loop;
    private readonly WireGuardSubsystem _wireguard;

    /// <summary>Creates the source.</summary>
    public PeerReportSource(ReconcileLoop loop, WireGuardSubsystem wireguard)
    {
        _loop = loop;
        _wireguard = wireguard;
    }

    /// <inheritdoc/>
    public Task<PeersReport> GetPeersAsync(CancellationToken cancellationToken)
    {
        var plan = _loop.CurrentPlan;
        if (plan is null)
        {
            return Task.FromResult(new PeersReport("?", []));
        }

        var status = _wireguard.Device?.GetStatus();
        var rows = new List<PeerReport>();
        foreach (var p in plan.WireGuard.Peers)
        {
            var key = WireGuardDesired.PublicKey(p);
            var s = status?.Peers.FirstOrDefault(x => x.PublicKey == key);
            rows.Add(new PeerReport(
                p.Name, p.Site, p.PublicKey.Base64,
                p.EndpointHost is null ? null : $"{p.EndpointHost}:{p.EndpointPort}",
                s?.Endpoint?.ToString(), null, null, null,
                s?.LastHandshake, s?.RxBytes ?? 0, s?.TxBytes ?? 0,
                null, null, null, plan.Mtu.WireGuardMtu));
        }

        return Task.FromResult(new PeersReport(plan.Node, rows));
    }
}
