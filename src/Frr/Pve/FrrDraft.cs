namespace Frr;

/// <summary>
/// A configuration under construction, keyed the way Proxmox's generator keys its hash
/// (routers by VRF, route maps by name with entries pushed or unshifted). Route map sequence
/// numbers are assigned at the end, 1.. per map in order, as Proxmox does.
/// </summary>
internal sealed class FrrDraft
{
    public const string DefaultVrf = "default";

    public Dictionary<string, BgpRouter> Routers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, VrfConfig> Vrfs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<PrefixListRule>> PrefixLists { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<RouteMapEntry>> RouteMaps { get; } = new(StringComparer.Ordinal);

    public List<StaticRoute> IpRoutes { get; } = [];

    public Dictionary<string, ProtocolRouteMap> ProtocolRouteMaps { get; } = new(StringComparer.Ordinal);

    public List<BfdProfile> BfdProfiles { get; } = [];

    public void AppendRouteMap(string name, RouteMapEntry entry) => Map(name).Add(entry);

    public void PrependRouteMap(string name, RouteMapEntry entry) => Map(name).Insert(0, entry);

    public void UpdateRouter(string vrf, Func<BgpRouter, BgpRouter> change) => Routers[vrf] = change(Routers[vrf]);

    public FrrConfig ToConfig(string version, string hostname) => new()
    {
        Version = version,
        Hostname = hostname,
        Vrfs = Vrfs.Values.ToValueList(),
        BgpRouters = Routers.Select(kv => kv.Key == DefaultVrf ? kv.Value with { Vrf = null } : kv.Value with { Vrf = kv.Key }).ToValueList(),
        PrefixLists = PrefixLists.Select(kv => new PrefixList(kv.Key, kv.Value.ToValueList())).ToValueList(),
        RouteMaps = RouteMaps
            .Select(kv => new RouteMap(kv.Key, kv.Value.Select((e, i) => e with { Seq = i + 1 }).ToValueList()))
            .ToValueList(),
        StaticRoutes = IpRoutes.ToValueList(),
        ProtocolRouteMaps = ProtocolRouteMaps.Values.ToValueList(),
        BfdProfiles = BfdProfiles.ToValueList(),
    };

    private List<RouteMapEntry> Map(string name)
    {
        if (!RouteMaps.TryGetValue(name, out var list))
        {
            list = [];
            RouteMaps[name] = list;
        }

        return list;
    }
}
