using System.Net;

namespace Netlink.Rtnl;

/// <summary>The kind of a link (IFLA_INFO_KIND) with its kind-specific settings (IFLA_INFO_DATA).</summary>
public abstract record LinkKind
{
    /// <summary>The kernel's kind name ("vxlan", "bridge" ...).</summary>
    public abstract string Name { get; }
}

/// <summary>
/// A VXLAN device for EVPN: VNI (24 bit), local underlay address, UDP destination port, learning
/// (off for EVPN: BGP distributes the MACs) and outer TTL (0 = inherit).
/// </summary>
public sealed record VxlanKind(uint Vni) : LinkKind
{
    /// <summary>The largest VNI (24 bits).</summary>
    public const uint MaxVni = 0xFF_FFFF;

    /// <inheritdoc/>
    public override string Name => "vxlan";

    /// <summary>Local (source) underlay address, or null for none.</summary>
    public IPAddress? Local { get; init; }

    /// <summary>UDP destination port (IANA 4789).</summary>
    public ushort Port { get; init; } = 4789;

    /// <summary>Whether the device learns remote MACs from received packets.</summary>
    public bool Learning { get; init; }

    /// <summary>Outer TTL; 0 inherits.</summary>
    public byte Ttl { get; init; }
}

/// <summary>A Linux bridge.</summary>
public sealed record BridgeKind : LinkKind
{
    /// <inheritdoc/>
    public override string Name => "bridge";
}

/// <summary>A dummy device.</summary>
public sealed record DummyKind : LinkKind
{
    /// <inheritdoc/>
    public override string Name => "dummy";
}

/// <summary>
/// A veth pair. On creation the peer gets <see cref="PeerName"/> and, when set, is placed in the named
/// namespace. Read back, <see cref="PeerName"/> is empty when the peer lives in another namespace.
/// </summary>
public sealed record VethKind(string PeerName) : LinkKind
{
    /// <inheritdoc/>
    public override string Name => "veth";

    /// <summary>Namespace (ip netns name) for the peer, or null for the same namespace.</summary>
    public string? PeerNamespace { get; init; }
}

/// <summary>A VRF device bound to a routing table (needs CONFIG_NET_VRF).</summary>
public sealed record VrfKind(uint Table) : LinkKind
{
    /// <inheritdoc/>
    public override string Name => "vrf";
}

/// <summary>A kernel WireGuard device (needs the wireguard module).</summary>
public sealed record WireGuardKind : LinkKind
{
    /// <inheritdoc/>
    public override string Name => "wireguard";
}

/// <summary>Any other kind, as read back from the kernel (read-only).</summary>
public sealed record OtherKind(string KindName) : LinkKind
{
    /// <inheritdoc/>
    public override string Name => KindName;
}

/// <summary>Bridge-port options of a device enslaved to a bridge (null = leave as is).</summary>
public sealed record BridgePortSettings
{
    /// <summary>IFLA_BRPORT_NEIGH_SUPPRESS: answer ARP/ND from the bridge's neighbour table (EVPN).</summary>
    public bool? NeighSuppress { get; init; }

    /// <summary>IFLA_BRPORT_LEARNING: learn source MACs on this port.</summary>
    public bool? Learning { get; init; }

    /// <summary>True when every set option of <paramref name="desired"/> equals this one.</summary>
    public bool Satisfies(BridgePortSettings desired) =>
        (desired.NeighSuppress is null || desired.NeighSuppress == NeighSuppress) &&
        (desired.Learning is null || desired.Learning == Learning);
}
