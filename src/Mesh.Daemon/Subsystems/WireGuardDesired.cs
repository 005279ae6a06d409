using System.Net;
using Mesh.Planning;
using WireGuard;
using WireGuard.Conn;
using WireGuard.Device;

namespace Mesh.Daemon.Subsystems;

/// <summary>
/// Computes the smallest WireGuard change from the plan and the device's reported state. Endpoints given
/// as DNS names are left to the DDNS watcher; literal endpoints are set only when the peer has none (so an
/// endpoint learned by roaming is not fought).
/// </summary>
public static class WireGuardDesired
{
    /// <summary>The change to apply, or null when the device already matches.</summary>
    /// <param name="plan">What the plan wants.</param>
    /// <param name="privateKey">This node's private key.</param>
    /// <param name="current">What the device reports.</param>
    /// <param name="applied">
    /// The plan applied by the previous pass, if any: a literal endpoint the spec changed since then is set even
    /// though the peer has an endpoint (otherwise an edited address would never reach the device).
    /// </param>
    public static DeviceConfigChange? Diff(WireGuardPlan plan, Key privateKey, DeviceStatus current, WireGuardPlan? applied = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(current);
        var change = new DeviceConfigChange();
        var any = false;
        if (current.PrivateKey is not { } pk || pk != privateKey)
        {
            change.PrivateKey = privateKey;
            any = true;
        }

        if (current.ListenPort != plan.ListenPort)
        {
            change.ListenPort = (ushort)plan.ListenPort;
            any = true;
        }

        var desired = new Dictionary<Key, WireGuardPeerPlan>();
        foreach (var p in plan.Peers)
        {
            desired[PublicKey(p)] = p;
        }

        foreach (var existing in current.Peers)
        {
            if (!desired.ContainsKey(existing.PublicKey))
            {
                change.Peers.Add(new PeerConfigChange(existing.PublicKey) { Remove = true });
                any = true;
            }
        }

        var byKey = current.Peers.ToDictionary(p => p.PublicKey);
        foreach (var (key, p) in desired)
        {
            byKey.TryGetValue(key, out var have);
            var peerChange = new PeerConfigChange(key);
            var changed = false;
            var wantIps = p.AllowedIps.Select(n => n).OrderBy(n => n.ToString(), StringComparer.Ordinal).ToList();
            var haveIps = have?.AllowedIps.OrderBy(n => n.ToString(), StringComparer.Ordinal).ToList() ?? [];
            if (!wantIps.SequenceEqual(haveIps))
            {
                peerChange.ReplaceAllowedIps = true;
                peerChange.AllowedIps.AddRange(wantIps);
                changed = true;
            }

            if ((have?.PersistentKeepalive ?? -1) != p.PersistentKeepalive)
            {
                peerChange.PersistentKeepalive = (ushort)p.PersistentKeepalive;
                changed = true;
            }

            if (LiteralEndpoint(p) is { } literal && (have?.Endpoint is null || SpecChangedEndpoint(p, literal, applied)))
            {
                peerChange.Endpoint = literal;
                changed = true;
            }

            if (have is null || changed)
            {
                change.Peers.Add(peerChange);
                any = true;
            }
        }

        return any ? change : null;
    }

    private static bool SpecChangedEndpoint(WireGuardPeerPlan peer, UdpEndpoint literal, WireGuardPlan? applied)
    {
        if (applied is null)
        {
            return false; // first pass after a start: the device's endpoint may be a roamed one; leave it
        }

        var before = applied.Peers.FirstOrDefault(a => a.PublicKey == peer.PublicKey);
        return before is null || LiteralEndpoint(before) != literal;
    }

    /// <summary>The peer's public key as the engine's type.</summary>
    public static Key PublicKey(WireGuardPeerPlan peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        return Key.TryParseBase64(peer.PublicKey.Base64, out var k)
            ? k
            : throw new InvalidOperationException($"peer {peer.Name}: public key is not valid base64");
    }

    /// <summary>The endpoint when the plan gives a literal IP address (DNS names are the DDNS watcher's).</summary>
    public static UdpEndpoint? LiteralEndpoint(WireGuardPeerPlan peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        return peer.EndpointHost is { } host && peer.EndpointPort is { } port && IPAddress.TryParse(host, out var ip)
            ? UdpEndpoint.From(new IPEndPoint(ip, port))
            : null;
    }

    /// <summary>A short summary of a change for logs and status (never key material).</summary>
    public static string Describe(DeviceConfigChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var parts = new List<string>();
        if (change.PrivateKey is not null)
        {
            parts.Add("private key");
        }

        if (change.ListenPort is { } port)
        {
            parts.Add($"listen port {port}");
        }

        var removed = change.Peers.Count(p => p.Remove);
        var updated = change.Peers.Count - removed;
        if (updated > 0)
        {
            parts.Add($"{updated} peer(s) set");
        }

        if (removed > 0)
        {
            parts.Add($"{removed} peer(s) removed");
        }

        return string.Join(", ", parts);
    }
}
