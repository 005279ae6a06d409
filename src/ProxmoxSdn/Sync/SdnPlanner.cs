using ProxmoxSdn.Api;
using ProxmoxSdn.Model;

namespace ProxmoxSdn.Sync;

/// <summary>
/// Pure diff of desired vs observed SDN objects. Owned: the named controller and zones, vnets in a named
/// zone, subnets of those vnets. Writes are ordered: deletions (subnets, then vnets), then creations and
/// updates (controller, zones, vnets, subnets).
/// </summary>
public static class SdnPlanner
{
    private const string Sdn = "/cluster/sdn";

    /// <summary>Computes the plan; throws <see cref="ProxmoxSdnException"/> (Conflict) when the cluster cannot be brought there safely.</summary>
    public static SyncPlan Plan(ClusterDesiredState desired, ObservedCluster observed)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(observed);
        var errors = desired.Validate();
        if (errors.Count > 0)
        {
            throw new ProxmoxSdnException(SdnErrorKind.InvalidDesiredState,
                "The desired SDN state is invalid:\n  " + string.Join("\n  ", errors));
        }

        var zoneIds = desired.Zones.Select(z => z.Id).ToHashSet(StringComparer.Ordinal);
        var zoneOfVnet = desired.Vnets.ToDictionary(v => v.Id, v => v.Zone, StringComparer.Ordinal);
        var liveVnets = observed.Vnets.Where(v => !v.PendingDelete).ToList();
        var ownedVnets = liveVnets.Where(v => zoneIds.Contains(v["zone"] ?? string.Empty) || zoneOfVnet.ContainsKey(v.Id))
            .Select(v => v.Id).ToHashSet(StringComparer.Ordinal);

        CheckController(desired.Controller, observed.Controllers);
        var writes = new List<ApiWrite>();

        // Deletions first: subnets, then vnets (PVE refuses to delete a vnet that still has subnets).
        var desiredSubnetIds = desired.Subnets.ToDictionary(s => s.IdIn(zoneOfVnet[s.Vnet]), StringComparer.Ordinal);
        foreach (var s in observed.Subnets.Where(s => !s.PendingDelete && ownedVnets.Contains(s["vnet"] ?? string.Empty)
                     && !desiredSubnetIds.ContainsKey(s.Id)).OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            writes.Add(ApiWrite.Of(ApiMethod.Delete, ApiPath.Of(Sdn + "/vnets", s["vnet"]!, "subnets", s.Id), []));
        }

        foreach (var v in liveVnets.Where(v => ownedVnets.Contains(v.Id) && !zoneOfVnet.ContainsKey(v.Id)).OrderBy(v => v.Id, StringComparer.Ordinal))
        {
            writes.Add(ApiWrite.Of(ApiMethod.Delete, ApiPath.Of(Sdn + "/vnets", v.Id), []));
        }

        var c = desired.Controller;
        AddUpsert(writes, Find(observed.Controllers, c.Id), Sdn + "/controllers", ApiPath.Of(Sdn + "/controllers", c.Id),
            [new("controller", c.Id), new("type", "evpn")], SdnProperties.Of(c));
        foreach (var z in desired.Zones.OrderBy(z => z.Id, StringComparer.Ordinal))
        {
            AddUpsert(writes, Find(observed.Zones, z.Id), Sdn + "/zones", ApiPath.Of(Sdn + "/zones", z.Id),
                [new("zone", z.Id), new("type", "evpn")], SdnProperties.Of(z));
        }

        foreach (var v in desired.Vnets.OrderBy(v => v.Id, StringComparer.Ordinal))
        {
            AddUpsert(writes, Find(observed.Vnets, v.Id), Sdn + "/vnets", ApiPath.Of(Sdn + "/vnets", v.Id),
                [new("vnet", v.Id)], SdnProperties.Of(v));
        }

        foreach (var (id, s) in desiredSubnetIds.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            AddUpsert(writes, Find(observed.Subnets, id), ApiPath.Of(Sdn + "/vnets", s.Vnet, "subnets"),
                ApiPath.Of(Sdn + "/vnets", s.Vnet, "subnets", id), [new("subnet", s.Cidr), new("type", "subnet")], SdnProperties.Of(s));
        }

        var pendingOwned = new List<string>();
        var pendingForeign = new List<string>();
        Classify(observed.Controllers, "controller", o => o.Id == c.Id, pendingOwned, pendingForeign);
        Classify(observed.Zones, "zone", o => zoneIds.Contains(o.Id), pendingOwned, pendingForeign);
        Classify(observed.Vnets, "vnet", o => ownedVnets.Contains(o.Id) || zoneIds.Contains(o["zone"] ?? string.Empty), pendingOwned, pendingForeign);
        Classify(observed.Subnets, "subnet", o => ownedVnets.Contains(o["vnet"] ?? string.Empty), pendingOwned, pendingForeign);

        var apply = writes.Count > 0 || pendingOwned.Count > 0;
        if (apply && pendingForeign.Count > 0)
        {
            throw new ProxmoxSdnException(SdnErrorKind.Conflict,
                $"The cluster has pending SDN changes that meshd did not make ({string.Join(", ", pendingForeign)}); applying would activate them too. " +
                "Apply or revert them first (GUI: Datacenter > SDN > Apply, or pvesh set /cluster/sdn), then run meshd again.");
        }

        // ipsets exist and are filled before the rules that reference them, and go only after those rules are gone;
        // likewise groups exist before a cluster rule references them and go only after the cluster rules moved on.
        var ipsets = IpSetPlanner.Plan(desired.IpSets, observed.IpSets);
        var groups = FirewallPlanner.PlanGroups(desired.FirewallGroups, observed.Groups);
        var clusterRules = ClusterRulePlanner.Plan(desired.ClusterRules, observed.ClusterRules.Rules);
        var firewall = ipsets.Before.Concat(groups.Upserts).Concat(clusterRules).Concat(groups.Deletions).Concat(ipsets.After);
        return new SyncPlan(writes.ToValueList(), apply, firewall.ToValueList(), pendingOwned.ToValueList());
    }

    private static void CheckController(SdnController desired, IReadOnlyList<ObservedObject> controllers)
    {
        var other = controllers.FirstOrDefault(o => !o.PendingDelete && o.Id != desired.Id && o["type"] == "evpn");
        if (other is not null)
        {
            throw new ProxmoxSdnException(SdnErrorKind.Conflict,
                $"The cluster already has an evpn controller '{other.Id}' and PVE allows only one; meshd wants '{desired.Id}'. " +
                $"Name '{other.Id}' as the controller in the mesh spec, or delete it (and its zones) if it is unused.");
        }
    }

    private static ObservedObject? Find(IReadOnlyList<ObservedObject> list, string id) =>
        list.FirstOrDefault(o => o.Id == id && !o.PendingDelete);

    private static void AddUpsert(
        List<ApiWrite> writes, ObservedObject? current, string createPath, string itemPath,
        KeyValuePair<string, string>[] ids, IReadOnlyList<DesiredProp> props)
    {
        if (current is null)
        {
            writes.Add(ObjectDiff.Create(createPath, ids, props));
        }
        else if (ObjectDiff.Update(itemPath, props, current) is { } update)
        {
            writes.Add(update);
        }
    }

    private static void Classify(
        IReadOnlyList<ObservedObject> objects, string kind, Func<ObservedObject, bool> owned, List<string> mine, List<string> foreign)
    {
        foreach (var o in objects.Where(o => o.State is not null))
        {
            (owned(o) ? mine : foreign).Add($"{kind} {o.Id}: {o.State}");
        }
    }
}
