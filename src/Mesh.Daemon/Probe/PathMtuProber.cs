using System.Collections.Concurrent;
using System.Net;

namespace Mesh.Daemon.Probe;

/// <summary>One peer's probed path MTU.</summary>
/// <param name="Peer">Peer node name.</param>
/// <param name="Target">The peer's address inside the tunnel that was pinged.</param>
/// <param name="Mtu">Largest inner IPv4 packet that crossed the tunnel with don't-fragment, or null when not even 1280 did.</param>
/// <param name="DeviceMtu">The WireGuard device MTU at the time (the search's upper bound).</param>
/// <param name="Probes">Probes the search used.</param>
/// <param name="At">When the search finished.</param>
/// <param name="Endpoint">The peer's endpoint during the search (a new endpoint means a new path: probed again).</param>
/// <param name="Confirmed">True when the path carries the device MTU, or when a second search found the same shortfall:
/// a single search that came up short may have met a peer still configuring (no firewall rule, no route yet).</param>
public sealed record PathMtuResult(string Peer, IPAddress Target, int? Mtu, int DeviceMtu, int Probes, DateTimeOffset At, string? Endpoint, bool Confirmed = true)
{
    /// <summary>True when the search found less than the device MTU (or nothing).</summary>
    public bool IsShort => Mtu is not { } m || m < DeviceMtu;
}

/// <summary>
/// Per-peer path MTU through the tunnel, measured with don't-fragment ICMP echoes (<see cref="PathMtuSearch"/>) and
/// cached with their time. A peer is probed again after <see cref="Interval"/> or after a handshake over a new endpoint.
/// Thread-safe; searches block (at most 12 probes × the probe timeout), so callers run them in the background.
/// </summary>
public sealed class PathMtuProber
{
    /// <summary>How long a result stays fresh.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    /// <summary>How soon a short result that is not yet confirmed is searched again.</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(15);

    /// <summary>Timeout of one probe.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    private readonly IEchoProbe _echo;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, PathMtuResult> _results = new(StringComparer.Ordinal);

    /// <summary>Creates a prober over <paramref name="echo"/>.</summary>
    public PathMtuProber(IEchoProbe echo, TimeProvider time)
    {
        _echo = echo;
        _time = time;
    }

    /// <summary>Every cached result by peer name (what the lead's doctor check and `meshctl peers` read).</summary>
    public IReadOnlyDictionary<string, PathMtuResult> Results => _results;

    /// <summary>The cached result for <paramref name="peer"/>, or null when it was never probed.</summary>
    public PathMtuResult? Get(string peer) => _results.TryGetValue(peer, out var r) ? r : null;

    /// <summary>
    /// True when <paramref name="peer"/> should be probed now: never probed, its result older than <see cref="Interval"/>
    /// (<see cref="Recheck"/> for an unconfirmed short result), or a handshake newer than the result happened over another
    /// endpoint.
    /// </summary>
    public bool IsDue(string peer, string? endpoint, DateTimeOffset? lastHandshake)
    {
        if (Get(peer) is not { } r)
        {
            return true;
        }

        var now = _time.GetUtcNow();
        if (now - r.At >= (r.Confirmed ? Interval : Recheck))
        {
            return true;
        }

        return !string.Equals(r.Endpoint, endpoint, StringComparison.Ordinal) && lastHandshake > r.At;
    }

    /// <summary>Searches the path to <paramref name="target"/> in [1280, <paramref name="deviceMtu"/>] now (blocking) and caches the result.</summary>
    public PathMtuResult Probe(string peer, IPAddress target, int deviceMtu, string? endpoint)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(target);
        var high = Math.Max(deviceMtu, PathMtuSearch.MinimumMtu);
        var search = PathMtuSearch.Run(size => _echo.Send(target, size, ProbeTimeout), high);
        var previous = Get(peer);
        var shortfall = search.Mtu is not { } m || m < deviceMtu;
        var confirmed = !shortfall || (previous is not null && previous.Mtu == search.Mtu && previous.DeviceMtu == deviceMtu);
        var result = new PathMtuResult(peer, target, search.Mtu, deviceMtu, search.Probes, _time.GetUtcNow(), endpoint, confirmed);
        _results[peer] = result;
        return result;
    }

    /// <summary>Drops results of peers no longer in the plan.</summary>
    public void Retain(IReadOnlySet<string> peers)
    {
        ArgumentNullException.ThrowIfNull(peers);
        foreach (var name in _results.Keys)
        {
            if (!peers.Contains(name))
            {
                _results.TryRemove(name, out _);
            }
        }
    }
}
