namespace Frr;

/// <summary>
/// A `router bgp ASN [vrf NAME]` instance. Nullable booleans render only when set to false
/// (`no bgp ...`), mirroring how Proxmox emits them.
/// </summary>
public sealed record BgpRouter
{
    /// <summary>Local AS number.</summary>
    public required long Asn { get; init; }

    /// <summary>VRF name, or null for the default instance.</summary>
    public string? Vrf { get; init; }

    /// <summary>`bgp router-id`.</summary>
    public required string RouterId { get; init; }

    /// <summary>False renders `no bgp hard-administrative-reset`.</summary>
    public bool? HardAdministrativeReset { get; init; }

    /// <summary>False renders `no bgp default ipv4-unicast`.</summary>
    public bool? DefaultIpv4Unicast { get; init; }

    /// <summary>`coalesce-time N` (ms) when set.</summary>
    public int? CoalesceTime { get; init; }

    /// <summary>False renders `no bgp graceful-restart notification`.</summary>
    public bool? GracefulRestartNotification { get; init; }

    /// <summary>`bgp disable-ebgp-connected-route-check`.</summary>
    public bool DisableEbgpConnectedRouteCheck { get; init; }

    /// <summary>`bgp bestpath as-path multipath-relax`.</summary>
    public bool BestpathAsPathMultipathRelax { get; init; }

    /// <summary>`bgp cluster-id` for a route reflector, or null.</summary>
    public string? ClusterId { get; init; }

    /// <summary>Peer groups with their members.</summary>
    public ValueList<NeighborGroup> NeighborGroups { get; init; } = [];

    /// <summary>`bgp listen range PREFIX peer-group GROUP` (dynamic neighbours).</summary>
    public ValueList<ListenRange> ListenRanges { get; init; } = [];

    /// <summary>`address-family ipv4 unicast`, or null.</summary>
    public UnicastAddressFamily? Ipv4Unicast { get; init; }

    /// <summary>`address-family ipv6 unicast`, or null.</summary>
    public UnicastAddressFamily? Ipv6Unicast { get; init; }

    /// <summary>`address-family l2vpn evpn`, or null.</summary>
    public EvpnAddressFamily? L2vpnEvpn { get; init; }
}

/// <summary>`bgp listen range PREFIX peer-group GROUP`.</summary>
/// <param name="Prefix">Range of peer addresses accepted, e.g. 10.0.0.0/24.</param>
/// <param name="PeerGroup">Group the dynamic neighbours join.</param>
public sealed record ListenRange(string Prefix, string PeerGroup);

/// <summary>A peer group (`neighbor NAME peer-group`) and its members.</summary>
public sealed record NeighborGroup
{
    /// <summary>Group name, e.g. VTEP.</summary>
    public required string Name { get; init; }

    /// <summary>`remote-as` value: an AS number, `external` or `internal`.</summary>
    public required string RemoteAs { get; init; }

    /// <summary>`neighbor NAME bfd`.</summary>
    public bool Bfd { get; init; }

    /// <summary>`neighbor NAME bfd profile P` (only with <see cref="Bfd"/>).</summary>
    public string? BfdProfile { get; init; }

    /// <summary>`neighbor NAME ebgp-multihop N`.</summary>
    public int? EbgpMultihop { get; init; }

    /// <summary>`neighbor NAME update-source X`.</summary>
    public string? UpdateSource { get; init; }

    /// <summary>`neighbor NAME timers KEEPALIVE HOLD` and `timers connect N`, or null for the defaults.</summary>
    public BgpTimers? Timers { get; init; }

    /// <summary>Member addresses (`neighbor IP peer-group NAME`).</summary>
    public ValueList<string> Ips { get; init; } = [];

    /// <summary>Unnumbered members (`neighbor IFACE interface peer-group NAME`).</summary>
    public ValueList<string> Interfaces { get; init; } = [];
}

/// <summary>BGP timers in seconds.</summary>
/// <param name="KeepaliveSeconds">Keepalive interval.</param>
/// <param name="HoldSeconds">Hold time (normally 3 × keepalive).</param>
/// <param name="ConnectRetrySeconds">Connect retry interval, or null for the default.</param>
public sealed record BgpTimers(int KeepaliveSeconds, int HoldSeconds, int? ConnectRetrySeconds = null);
