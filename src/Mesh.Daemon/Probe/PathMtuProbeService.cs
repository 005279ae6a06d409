using System.Net;
using System.Net.Sockets;
using Mesh.Daemon.Reconcile;
using Mesh.Daemon.Subsystems;
using Mesh.Planning;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesh.Daemon.Probe;

/// <summary>
/// Runs <see cref="PathMtuProber"/> in the background: every 5 s it looks for peers that are due (never probed,
/// older than 10 min, or a handshake over a new endpoint) and have a live session (handshake in the last 3 min), and
/// probes them one after another toward their WireGuard address (the /32 of their allowed IPs, which answers through
/// the tunnel) up to the planned WireGuard MTU.
/// </summary>
public sealed partial class PathMtuProbeService : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(5); // cheap when nothing is due: one device status read
    private static readonly TimeSpan LiveSession = TimeSpan.FromMinutes(3);

    private readonly PathMtuProber _prober;
    private readonly ReconcileLoop _loop;
    private readonly WireGuardSubsystem _wireguard;
    private readonly TimeProvider _time;
    private readonly ILogger<PathMtuProbeService> _log;

    /// <summary>Creates the service.</summary>
    public PathMtuProbeService(PathMtuProber prober, ReconcileLoop loop, WireGuardSubsystem wireguard, TimeProvider time, ILogger<PathMtuProbeService> log)
    {
        _prober = prober;
        _loop = loop;
        _wireguard = wireguard;
        _time = time;
        _log = log;
    }

    /// <summary>The address of <paramref name="peer"/> that answers through the tunnel: its IPv4 /32 allowed IP.</summary>
    public static IPAddress? TunnelAddress(WireGuardPeerPlan peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        return peer.AllowedIps.FirstOrDefault(n => n.PrefixLength == 32 && n.BaseAddress.AddressFamily == AddressFamily.InterNetwork).BaseAddress;
    }

    /// <summary>One pass: probes every due peer with a live session.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var plan = _loop.CurrentPlan;
        var device = _wireguard.Device;
        if (plan is null || device is null)
        {
            return;
        }

        _prober.Retain(plan.WireGuard.Peers.Select(p => p.Name).ToHashSet(StringComparer.Ordinal));
        var status = device.GetStatus();
        var now = _time.GetUtcNow();
        foreach (var p in plan.WireGuard.Peers)
        {
            var key = WireGuardDesired.PublicKey(p);
            var s = status.Peers.FirstOrDefault(x => x.PublicKey == key);
            var endpoint = s?.Endpoint?.ToString();
            if (s?.LastHandshake is not { } hs || now - hs > LiveSession || TunnelAddress(p) is not { } target
                || !_prober.IsDue(p.Name, endpoint, hs))
            {
                continue;
            }

            var r = await Task.Run(() => _prober.Probe(p.Name, target, plan.WireGuard.Mtu, endpoint), cancellationToken).ConfigureAwait(false);
            if (r.Mtu is { } mtu)
            {
                LogProbed(_log, p.Name, target.ToString(), mtu, plan.WireGuard.Mtu, r.Probes);
            }
            else
            {
                LogNoReply(_log, p.Name, target.ToString(), r.Probes);
            }
        }
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, _time);
        var failing = false;
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                failing = false;
            }
            catch (Exception e) when (e is SocketException or InvalidOperationException or UnauthorizedAccessException)
            {
                if (!failing)
                {
                    LogFailed(_log, e.Message); // once per failure streak, not every 5 s
                }

                failing = true;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(8300, LogLevel.Information, "path MTU to peer {Peer} ({Target}): {Mtu} bytes inside the tunnel (device MTU {DeviceMtu}, {Probes} probes)")]
    private static partial void LogProbed(ILogger logger, string peer, string target, int mtu, int deviceMtu, int probes);

    [LoggerMessage(8301, LogLevel.Warning, "path MTU to peer {Peer} ({Target}): not even a 1280-byte don't-fragment ping got through ({Probes} probes); the tunnel is down or the path is smaller than IPv6's minimum")]
    private static partial void LogNoReply(ILogger logger, string peer, string target, int probes);

    [LoggerMessage(8302, LogLevel.Warning, "path MTU probe failed: {Message}; retrying every 5 s quietly (it needs CAP_NET_RAW)")]
    private static partial void LogFailed(ILogger logger, string message);
}
