namespace ProxmoxSdn.Model;

/// <summary>The cluster's EVPN controller: one per cluster; peers = every VTEP of the mesh.</summary>
/// <param name="Id">Controller id (2-64 chars, <c>[a-zA-Z][a-zA-Z0-9_-]*[a-zA-Z0-9]</c>), e.g. <c>evpnctl</c>.</param>
/// <param name="Asn">BGP AS number shared by all peers.</param>
/// <param name="Peers">VTEP addresses of all mesh nodes (sent sorted, comma-separated).</param>
public sealed record SdnController(string Id, long Asn, ValueList<string> Peers);

/// <summary>An EVPN zone.</summary>
/// <param name="Id">Zone id (2-8 chars, <c>[a-zA-Z][a-zA-Z0-9]*[a-zA-Z0-9]</c>).</param>
/// <param name="Controller">Id of the EVPN controller.</param>
/// <param name="VrfVxlan">VRF VNI used for routing between vnets (must differ from every vnet tag).</param>
public sealed record SdnZone(string Id, string Controller, int VrfVxlan)
{
    /// <summary>PVE nodes acting as exit nodes.</summary>
    public ValueList<string> ExitNodes { get; init; } = [];

    /// <summary>Exit-node local routing (the seed's trap: keep false).</summary>
    public bool ExitNodesLocalRouting { get; init; }

    /// <summary>Advertise full subnets (type-5 routes).</summary>
    public bool AdvertiseSubnets { get; init; } = true;

    /// <summary>Disable ARP/ND suppression.</summary>
    public bool DisableArpNdSuppression { get; init; }

    /// <summary>MTU of the zone's vnets (computed by the planner); null = PVE default (1450).</summary>
    public int? Mtu { get; init; }

    /// <summary>IPAM plugin id; <c>pve</c> by default.</summary>
    public string? Ipam { get; init; } = "pve";
}

/// <summary>A vnet of a zone.</summary>
/// <param name="Id">Vnet id (2-8 chars like a zone id); also the bridge name on nodes.</param>
/// <param name="Zone">Zone id.</param>
/// <param name="Tag">VXLAN VNI of the vnet.</param>
/// <param name="Alias">Free text shown in the GUI.</param>
public sealed record SdnVnet(string Id, string Zone, int Tag, string? Alias = null);

/// <summary>A subnet of a vnet; its PVE id is <c>&lt;zone&gt;-&lt;network&gt;-&lt;prefix length&gt;</c>.</summary>
/// <param name="Vnet">Vnet id.</param>
/// <param name="Cidr">Network in CIDR form, e.g. <c>10.1.1.0/24</c>.</param>
/// <param name="Gateway">Gateway address inside the network.</param>
/// <param name="Snat">Source NAT on exit nodes.</param>
public sealed record SdnSubnet(string Vnet, string Cidr, string? Gateway, bool Snat)
{
    /// <summary>PVE subnet id for this subnet in the given zone.</summary>
    public string IdIn(string zone) => $"{zone}-{Cidr.Replace('/', '-')}";
}
