using System.Net;
using Netlink.Rtnl;
using Netlink.WireGuard;
using WireGuard;
using WireGuard.Conn;
using WireGuard.Device;

namespace Mesh.Daemon.Subsystems;

/// <summary>The kernel WireGuard device seen through the same <see cref="IWireGuardDevice"/> contract as the userspace engine (generic netlink).</summary>
public sealed class KernelWireGuardDevice : IWireGuardDevice, IDisposable
{
    private readonly KernelWireGuard _wg;
    private readonly string _name;

    private KernelWireGuardDevice(KernelWireGuard wg, string name)
    {
        _wg = wg;
        _name = name;
    }

    /// <summary>Creates the `type wireguard` link when missing and opens the family.</summary>
    public static KernelWireGuardDevice Ensure(string name)
    {
        using (var rtnl = RtnlClient.Open())
        {
            rtnl.EnsureLink(new LinkSpec(name, new WireGuardKind()));
        }

        return new KernelWireGuardDevice(KernelWireGuard.Open(), name);
    }

    /// <inheritdoc/>
    public void Apply(DeviceConfigChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var peers = change.Peers.Select(p => new WgPeerConfig(new WgKey(p.PublicKey.Bytes))
        {
            Remove = p.Remove,
            UpdateOnly = p.UpdateOnly,
            PresharedKey = p.PresharedKey is { } psk ? new WgKey(psk.Bytes) : null,
            Endpoint = p.Endpoint?.ToIPEndPoint(),
            PersistentKeepalive = p.PersistentKeepalive,
            ReplaceAllowedIps = p.ReplaceAllowedIps,
            AllowedIps = new ValueList<IPNetwork>(p.AllowedIps),
        }).ToList();
        _wg.Configure(new WgDeviceConfig(_name)
        {
            PrivateKey = change.PrivateKey is { } k ? new WgKey(k.Bytes) : null,
            ListenPort = change.ListenPort,
            FirewallMark = change.Fwmark,
            ReplacePeers = change.ReplacePeers,
            Peers = new ValueList<WgPeerConfig>(peers),
        });
    }

    /// <inheritdoc/>
    public DeviceStatus GetStatus()
    {
        var d = _wg.GetDevice(_name);
        var peers = d.Peers.Select(p => new PeerStatus(
            new Key(p.PublicKey.Bytes),
            p.PresharedKey is { IsZero: false } psk ? new Key(psk.Bytes) : null,
            p.Endpoint is null ? null : UdpEndpoint.From(p.Endpoint),
            p.PersistentKeepalive,
            [.. p.AllowedIps],
            p.LastHandshake,
            (long)p.ReceivedBytes,
            (long)p.TransmittedBytes,
            (int)p.ProtocolVersion)).ToList();
        return new DeviceStatus(
            d.PrivateKey is { } k ? new Key(k.Bytes) : null,
            d.PublicKey is { } pub ? new Key(pub.Bytes) : null,
            d.ListenPort,
            d.FirewallMark,
            peers);
    }

    /// <inheritdoc/>
    public void Dispose() => _wg.Dispose();
}
