using System.Net;
using WireGuard;

namespace Mesh.Daemon.Ddns;

/// <summary>A peer's endpoint and last handshake as the dataplane reports them.</summary>
/// <param name="PublicKey">The peer's public key.</param>
/// <param name="Endpoint">Its current endpoint (null = none).</param>
/// <param name="LastHandshake">Its last completed handshake (null = never).</param>
public sealed record PeerEndpointState(Key PublicKey, IPEndPoint? Endpoint, DateTimeOffset? LastHandshake);

/// <summary>
/// The narrow part of a WireGuard dataplane the DDNS watcher needs: read peers' endpoints and handshakes,
/// and change ONE peer's endpoint (update-only: never creates the peer, never touches its keys, allowed IPs
/// or keepalive, never resets the device). Implemented over UAPI (wireguard-go, the userspace engine) and,
/// later, netlink (kernel WireGuard).
/// </summary>
public interface IWireGuardEndpointControl
{
    /// <summary>Every peer's current endpoint and last handshake.</summary>
    Task<IReadOnlyList<PeerEndpointState>> GetPeersAsync(CancellationToken cancellationToken);

    /// <summary>Sets the endpoint of an existing peer; fails if the peer is absent.</summary>
    Task SetEndpointAsync(Key peer, IPEndPoint endpoint, CancellationToken cancellationToken);
}
