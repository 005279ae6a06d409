using System.Diagnostics.Metrics;
using Mesh.Daemon.Reconcile;
using Mesh.Daemon.Subsystems;
using Microsoft.Extensions.Hosting;

namespace Mesh.Daemon.Hosting;

/// <summary>Per-peer gauges on the "meshd" meter: seconds since the latest handshake, bytes received and sent.</summary>
public sealed class PeerGauges : IHostedService
{
    private readonly ReconcileMetrics _metrics;
    private readonly ReconcileLoop _loop;
    private readonly WireGuardSubsystem _wireguard;

    /// <summary>Creates the gauges.</summary>
    public PeerGauges(ReconcileMetrics metrics, ReconcileLoop loop, WireGuardSubsystem wireguard)
    {
        _metrics = metrics;
        _loop = loop;
        _wireguard = wireguard;
    }

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _metrics.Meter.CreateObservableGauge("meshd_peer_handshake_age_seconds", () => Measure((s, now) => s.LastHandshake is { } hs ? (now - hs).TotalSeconds : double.NaN), "s", "Seconds since the latest handshake with the peer");
        _metrics.Meter.CreateObservableGauge("meshd_peer_rx_bytes", () => Measure((s, _) => s.RxBytes), "By", "Bytes received from the peer");
        _metrics.Meter.CreateObservableGauge("meshd_peer_tx_bytes", () => Measure((s, _) => s.TxBytes), "By", "Bytes sent to the peer");
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<double>> Measure(Func<WireGuard.Device.PeerStatus, DateTimeOffset, double> value)
    {
        var plan = _loop.CurrentPlan;
        var device = _wireguard.Device;
        if (plan is null || device is null)
        {
            yield break;
        }

        var now = DateTimeOffset.UtcNow;
        var status = device.GetStatus();
        foreach (var p in plan.WireGuard.Peers)
        {
            var key = WireGuardDesired.PublicKey(p);
            if (status.Peers.FirstOrDefault(x => x.PublicKey == key) is { } s)
            {
                yield return new Measurement<double>(value(s, now), new KeyValuePair<string, object?>("peer", p.Name), new KeyValuePair<string, object?>("site", p.Site));
            }
        }
    }
}
