using System.Net;
using Mesh.Daemon.Ddns;
using Mesh.Daemon.Reconcile;
using Mesh.Planning;
using Microsoft.Extensions.Logging;
using WireGuard;

namespace Mesh.Daemon.Subsystems;

/// <summary>
/// One DDNS watcher per peer whose endpoint is a DNS name: re-resolved by TTL, applied to the device without
/// fighting roaming (see <see cref="DdnsWatcher"/>). Watchers start and stop as peers come and go in the plan.
/// </summary>
public sealed class DdnsSubsystem : ISubsystem, IDisposable
{
    private readonly WireGuardSubsystem _wireguard;
    private readonly ILoggerFactory _loggers;
    private readonly DdnsMetrics _metrics = new();
    private readonly Dictionary<DdnsEndpoint, (DdnsWatcher Watcher, CancellationTokenSource Stop, Task Run)> _watchers = [];
    private readonly Lock _gate = new();
    private DnsEndpointResolver? _resolver;

    /// <summary>Creates the subsystem.</summary>
    public DdnsSubsystem(WireGuardSubsystem wireguard, ILoggerFactory loggers)
    {
        _wireguard = wireguard;
        _loggers = loggers;
    }

    /// <inheritdoc/>
    public string Name => "ddns";

    /// <summary>Snapshots of every watcher, for `meshctl peers`.</summary>
    public IReadOnlyList<DdnsSnapshot> Snapshots()
    {
        lock (_gate)
        {
            return [.. _watchers.Values.Select(w => w.Watcher.Snapshot())];
        }
    }

    /// <inheritdoc/>
    public Task<SubsystemResult> ReconcileAsync(NodePlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _resolver ??= new DnsEndpointResolver(new DnsResolverOptions());
        var wanted = new HashSet<DdnsEndpoint>();
        foreach (var p in plan.WireGuard.Peers)
        {
            if (p.EndpointHost is { } host && p.EndpointPort is { } port && !IPAddress.TryParse(host, out _))
            {
                wanted.Add(DdnsEndpoint.Create(WireGuardDesired.PublicKey(p), host, port, p.Name));
            }
        }

        var started = 0;
        var stopped = 0;
        lock (_gate)
        {
            foreach (var gone in _watchers.Keys.Where(k => !wanted.Contains(k)).ToList())
            {
                _watchers[gone].Stop.Cancel();
                _watchers.Remove(gone);
                stopped++;
            }

            foreach (var endpoint in wanted.Where(e => !_watchers.ContainsKey(e)))
            {
                var control = new DeviceEndpointControl(() => _wireguard.Device);
                var watcher = new DdnsWatcher(endpoint, _resolver, control, metrics: _metrics, logger: _loggers.CreateLogger<DdnsWatcher>());
                var stop = new CancellationTokenSource();
                _watchers[endpoint] = (watcher, stop, Task.Run(() => watcher.RunAsync(stop.Token), CancellationToken.None));
                started++;
            }
        }

        var failing = Snapshots().Where(s => s.LastError is not null).ToList();
        var message = $"{wanted.Count} name(s) watched" + (failing.Count > 0 ? $", failing: {string.Join(", ", failing.Select(f => $"{f.HostName} ({f.LastError})"))}" : string.Empty);
        if (started + stopped > 0)
        {
            return Task.FromResult(SubsystemResult.Changed(started + stopped, $"{message} (+{started} -{stopped})"));
        }

        return Task.FromResult(failing.Count > 0
            ? new SubsystemResult(Mesh.Control.Health.Degraded, 0, message)
            : SubsystemResult.Unchanged(message));
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var w in _watchers.Values)
            {
                w.Stop.Cancel();
                w.Stop.Dispose();
            }

            _watchers.Clear();
        }

        _metrics.Dispose();
    }
}
