using System.Net;
using Mesh.Daemon.Ddns;
using WireGuard;
using WireGuard.Conn;
using WireGuard.Device;

namespace Mesh.Daemon.Subsystems;

/// <summary>Endpoint control straight on the device in use (in-process engine or kernel via netlink): no socket hop.</summary>
public sealed class DeviceEndpointControl : IWireGuardEndpointControl
{
    private readonly Func<IWireGuardDevice?> _device;

    /// <summary>Creates the control over whatever device the WireGuard subsystem has now.</summary>
    public DeviceEndpointControl(Func<IWireGuardDevice?> device) => _device = device;

    /// <inheritdoc/>
    public Task<IReadOnlyList<PeerEndpointState>> GetPeersAsync(CancellationToken cancellationToken)
    {
        var device = _device() ?? throw new InvalidOperationException("the WireGuard device is not up yet");
        IReadOnlyList<PeerEndpointState> peers = [.. device.GetStatus().Peers.Select(p => new PeerEndpointState(p.PublicKey, p.Endpoint?.ToIPEndPoint(), p.LastHandshake))];
        return Task.FromResult(peers);
    }

    /// <inheritdoc/>
    public Task SetEndpointAsync(Key peer, IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var device = _device() ?? throw new InvalidOperationException("the WireGuard device is not up yet");
        var change = new DeviceConfigChange();
        change.Peers.Add(new PeerConfigChange(peer) { UpdateOnly = true, Endpoint = UdpEndpoint.From(endpoint) });
        device.Apply(change);
        return Task.CompletedTask;
    }
}
