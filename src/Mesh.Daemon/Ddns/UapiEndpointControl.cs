using System.Net;
using WireGuard;
using WireGuard.Conn;
using WireGuard.Device;
using WireGuard.Uapi;

namespace Mesh.Daemon.Ddns;

/// <summary><see cref="IWireGuardEndpointControl"/> over the cross-platform UAPI socket (wireguard-go, the userspace engine).</summary>
public sealed class UapiEndpointControl : IWireGuardEndpointControl
{
    private readonly UapiClient _client;

    /// <summary>Controls the device behind <paramref name="client"/>.</summary>
    public UapiEndpointControl(UapiClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>Controls interface <paramref name="interfaceName"/> through its conventional socket.</summary>
    public static UapiEndpointControl ForInterface(string interfaceName) =>
        new(new UapiClient(UapiClient.SocketPathFor(interfaceName)));

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PeerEndpointState>> GetPeersAsync(CancellationToken cancellationToken)
    {
        var status = await _client.GetAsync(cancellationToken);
        return status.Peers
            .Select(p => new PeerEndpointState(p.PublicKey, p.Endpoint?.ToIPEndPoint(), p.LastHandshake))
            .ToArray();
    }

    /// <inheritdoc/>
    public Task SetEndpointAsync(Key peer, IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var change = new DeviceConfigChange();
        change.Peers.Add(new PeerConfigChange(peer) { UpdateOnly = true, Endpoint = UdpEndpoint.From(endpoint) });
        return _client.SetAsync(change, cancellationToken);
    }
}
