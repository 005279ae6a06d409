namespace Frr;

/// <summary>A neighbour's (or group's) settings inside an address family.</summary>
/// <param name="Name">Neighbour address or peer-group name.</param>
/// <param name="SoftReconfigurationInbound">`soft-reconfiguration inbound`.</param>
/// <param name="RouteMapIn">Inbound route map or null.</param>
/// <param name="RouteMapOut">Outbound route map or null.</param>
/// <param name="RouteReflectorClient">`route-reflector-client`.</param>
public sealed record AddressFamilyNeighbor(
    string Name,
    bool SoftReconfigurationInbound = false,
    string? RouteMapIn = null,
    string? RouteMapOut = null,
    bool RouteReflectorClient = false);

/// <summary>`redistribute PROTOCOL [metric M] [route-map R]`.</summary>
/// <param name="Protocol">connected, static, kernel...</param>
/// <param name="Metric">Optional metric.</param>
/// <param name="RouteMap">Optional route map.</param>
public sealed record Redistribution(string Protocol, int? Metric = null, string? RouteMap = null);

/// <summary>`address-family ipv4|ipv6 unicast`.</summary>
public sealed record UnicastAddressFamily
{
    /// <summary>`network PREFIX` lines.</summary>
    public ValueList<string> Networks { get; init; } = [];

    /// <summary>`import vrf NAME` lines.</summary>
    public ValueList<string> ImportVrfs { get; init; } = [];

    /// <summary>Activated neighbours.</summary>
    public ValueList<AddressFamilyNeighbor> Neighbors { get; init; } = [];

    /// <summary>Redistributions.</summary>
    public ValueList<Redistribution> Redistribute { get; init; } = [];
}

/// <summary>`address-family l2vpn evpn`.</summary>
public sealed record EvpnAddressFamily
{
    /// <summary>`import vrf NAME` lines.</summary>
    public ValueList<string> ImportVrfs { get; init; } = [];

    /// <summary>Activated neighbours.</summary>
    public ValueList<AddressFamilyNeighbor> Neighbors { get; init; } = [];

    /// <summary>`advertise-all-vni`: announce every VNI zebra knows (kernel vxlan devices).</summary>
    public bool AdvertiseAllVni { get; init; }

    /// <summary>`advertise-default-gw`.</summary>
    public bool AdvertiseDefaultGw { get; init; }

    /// <summary>`autort as ASN` (route targets derived from another AS, used with eBGP).</summary>
    public string? AutortAs { get; init; }

    /// <summary>`default-originate ipv4|ipv6` lines.</summary>
    public ValueList<string> DefaultOriginate { get; init; } = [];

    /// <summary>`advertise ipv4 unicast` (type-5 routes).</summary>
    public bool AdvertiseIpv4Unicast { get; init; }

    /// <summary>`advertise ipv6 unicast` (type-5 routes).</summary>
    public bool AdvertiseIpv6Unicast { get; init; }

    /// <summary>`route-target import X` lines.</summary>
    public ValueList<string> RouteTargetImport { get; init; } = [];

    /// <summary>`route-target export X` lines.</summary>
    public ValueList<string> RouteTargetExport { get; init; } = [];

    /// <summary>`route-target both X` lines.</summary>
    public ValueList<string> RouteTargetBoth { get; init; } = [];
}
