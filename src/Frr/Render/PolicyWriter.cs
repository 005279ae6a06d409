namespace Frr;

/// <summary>Prefix lists, route maps and protocol route maps, in Proxmox's template layout.</summary>
internal static class PolicyWriter
{
    public static void WritePrefixLists(ConfigWriter w, ValueList<PrefixList> lists)
    {
        foreach (var list in lists.OrderBy(l => l.Name, StringComparer.Ordinal))
        {
            w.Line("!");
            foreach (var rule in list.Rules)
            {
                var seq = rule.Seq is { } s ? $"seq {s} " : string.Empty;
                var le = rule.Le is { } l ? $" le {l}" : string.Empty;
                var ge = rule.Ge is { } g ? $" ge {g}" : string.Empty;
                w.Line($"{(rule.IsIpv6 ? "ipv6" : "ip")} prefix-list {list.Name} {seq}{rule.Action} {rule.Network}{le}{ge}");
            }
        }
    }

    public static void WriteRouteMaps(ConfigWriter w, ValueList<RouteMap> maps)
    {
        foreach (var map in maps.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            foreach (var entry in map.Entries)
            {
                w.Line("!");
                w.Line($"route-map {map.Name} {entry.Action} {entry.Seq}");
                foreach (var match in entry.Matches)
                {
                    w.Line($" match {match}");
                }

                foreach (var set in entry.Sets)
                {
                    w.Line($" set {set}");
                }

                w.Line("exit");
            }
        }
    }

    public static void WriteProtocolRouteMaps(ConfigWriter w, ValueList<ProtocolRouteMap> maps)
    {
        foreach (var p in maps.OrderBy(p => p.Protocol, StringComparer.Ordinal))
        {
            w.Line("!");
            if (p.V4RouteMap is { } v4)
            {
                w.Line($"ip protocol {p.Protocol} route-map {v4}");
            }

            if (p.V6RouteMap is { } v6)
            {
                w.Line("!");
                w.Line($"ipv6 protocol {p.Protocol} route-map {v6}");
            }
        }
    }
}
