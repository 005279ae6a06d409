namespace Frr;

/// <summary>One l2vpn evpn BGP peer as `show bgp l2vpn evpn summary json` reports it.</summary>
/// <param name="Address">Peer address (or interface name for unnumbered peers).</param>
/// <param name="RemoteAs">Peer AS.</param>
/// <param name="State">FSM state: Established, Active, Connect, Idle...</param>
/// <param name="Uptime">Time in the current state (established time when up).</param>
/// <param name="PrefixesReceived">pfxRcd.</param>
/// <param name="PrefixesSent">pfxSnt.</param>
/// <param name="ConnectionsEstablished">How often the session came up (stays 1 when nothing reset it).</param>
/// <param name="ConnectionsDropped">How often it went down.</param>
public sealed record EvpnPeerStatus(
    string Address,
    long RemoteAs,
    string State,
    TimeSpan Uptime,
    long PrefixesReceived,
    long PrefixesSent,
    int ConnectionsEstablished,
    int ConnectionsDropped)
{
    /// <summary>True when the session is up.</summary>
    public bool IsEstablished => State == "Established";
}

/// <summary>The l2vpn evpn summary of the default BGP instance.</summary>
/// <param name="RouterId">Router id, or empty when BGP is not configured.</param>
/// <param name="As">Local AS, 0 when BGP is not configured.</param>
/// <param name="Peers">Peers sorted by address.</param>
public sealed record EvpnSummary(string RouterId, long As, ValueList<EvpnPeerStatus> Peers);

/// <summary>A VNI as zebra sees it (`show evpn vni json`).</summary>
/// <param name="Vni">VNI number.</param>
/// <param name="Type">L2 or L3.</param>
/// <param name="VxlanInterface">Kernel vxlan device.</param>
/// <param name="RemoteVtepCount">numRemoteVteps (L2 only).</param>
/// <param name="TenantVrf">Tenant VRF name.</param>
/// <param name="RemoteVteps">Remote VTEP addresses learned through EVPN type-3 routes.</param>
public sealed record EvpnVniStatus(int Vni, string Type, string? VxlanInterface, int RemoteVtepCount, string? TenantVrf, ValueList<string> RemoteVteps);

/// <summary>EVPN route counts of one route distinguisher (`show bgp l2vpn evpn route json`).</summary>
/// <param name="RouteDistinguisher">RD, e.g. 192.0.2.1:2.</param>
/// <param name="Type2">MAC/IP advertisement routes.</param>
/// <param name="Type3">Inclusive multicast (flood list) routes.</param>
/// <param name="Type5">IP prefix routes.</param>
/// <param name="Other">Routes of other types (1, 4).</param>
public sealed record EvpnRouteCounts(string RouteDistinguisher, int Type2, int Type3, int Type5, int Other);

/// <summary>Everything <see cref="FrrStatus"/> reads in one pass.</summary>
/// <param name="Summary">BGP l2vpn evpn summary.</param>
/// <param name="Vnis">VNIs sorted by number.</param>
/// <param name="Routes">Route counts per RD, sorted by RD.</param>
public sealed record EvpnStatus(EvpnSummary Summary, ValueList<EvpnVniStatus> Vnis, ValueList<EvpnRouteCounts> Routes);
