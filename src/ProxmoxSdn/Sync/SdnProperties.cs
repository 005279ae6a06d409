using ProxmoxSdn.Model;

namespace ProxmoxSdn.Sync;

/// <summary>The PVE properties meshd manages per object type (others on the object are left alone).</summary>
internal static class SdnProperties
{
    public static IReadOnlyList<DesiredProp> Of(SdnController c) =>
    [
        DesiredProp.Text("asn", c.Asn),
        DesiredProp.List("peers", c.Peers),
    ];

    public static IReadOnlyList<DesiredProp> Of(SdnZone z) =>
    [
        DesiredProp.Text("controller", z.Controller),
        DesiredProp.Text("vrf-vxlan", z.VrfVxlan),
        DesiredProp.List("exitnodes", z.ExitNodes),
        DesiredProp.Flag("exitnodes-local-routing", z.ExitNodesLocalRouting),
        DesiredProp.Flag("advertise-subnets", z.AdvertiseSubnets),
        DesiredProp.Flag("disable-arp-nd-suppression", z.DisableArpNdSuppression),
        DesiredProp.Text("mtu", z.Mtu),
        DesiredProp.Text("ipam", z.Ipam),
    ];

    public static IReadOnlyList<DesiredProp> Of(SdnVnet v) =>
    [
        DesiredProp.Text("zone", v.Zone),
        DesiredProp.Text("tag", v.Tag),
        DesiredProp.Text("alias", v.Alias),
    ];

    public static IReadOnlyList<DesiredProp> Of(SdnSubnet s) =>
    [
        DesiredProp.Text("gateway", s.Gateway),
        DesiredProp.Flag("snat", s.Snat),
    ];

    public static IReadOnlyList<DesiredProp> Of(FirewallRule r) =>
    [
        DesiredProp.Text("type", r.Type),
        DesiredProp.Text("action", r.Action),
        DesiredProp.Text("source", r.Source),
        DesiredProp.Text("dest", r.Dest),
        DesiredProp.Text("proto", r.Proto),
        DesiredProp.Text("dport", r.Dport),
        DesiredProp.Text("sport", r.Sport),
        DesiredProp.Text("macro", r.Macro),
        DesiredProp.Text("iface", r.Iface),
        DesiredProp.Text("log", r.Log),
        DesiredProp.Text("comment", r.Comment),
        DesiredProp.Flag("enable", r.Enabled),
    ];
}
