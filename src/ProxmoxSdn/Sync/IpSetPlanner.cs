using ProxmoxSdn.Api;
using ProxmoxSdn.Model;

namespace ProxmoxSdn.Sync;

/// <summary>
/// Ipset writes split around the security group writes: <see cref="Before"/> creates and fills ipsets (PVE refuses a
/// rule that references <c>+name</c> of a missing ipset), <see cref="After"/> deletes owned ipsets no longer wanted
/// (once no rule of ours references them).
/// </summary>
/// <param name="Before">Creations, comment updates, entry additions and removals, in execution order.</param>
/// <param name="After">Deletions of owned ipsets that are no longer desired.</param>
public sealed record IpSetPlan(ValueList<ApiWrite> Before, ValueList<ApiWrite> After);

/// <summary>
/// Pure diff of cluster ipsets. Owned: ipsets whose comment starts with the ownership marker, and the ipsets named in
/// the desired state (they get the marker). Entries compare as sets; an unchanged ipset costs zero writes. Foreign
/// ipsets are never touched.
/// </summary>
public static class IpSetPlanner
{
    private const string IpSets = "/cluster/firewall/ipset";

    /// <summary>Writes that bring <paramref name="observed"/> to <paramref name="desired"/>.</summary>
    public static IpSetPlan Plan(IReadOnlyList<FirewallIpSet> desired, IReadOnlyList<ObservedIpSet> observed)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(observed);
        var before = new List<ApiWrite>();
        var byName = observed.ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var s in desired.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            var comment = CommentOf(s.Comment);
            byName.TryGetValue(s.Name, out var current);
            if (current is null)
            {
                before.Add(ApiWrite.Of(ApiMethod.Post, IpSets, [new("name", s.Name), new("comment", comment)]));
            }
            else if ((current.Comment ?? string.Empty).Trim() != comment)
            {
                before.Add(ApiWrite.Of(ApiMethod.Post, IpSets, [new("name", s.Name), new("rename", s.Name), new("comment", comment)]));
            }

            PlanEntries(before, s, current?.Entries ?? []);
        }

        var after = observed
            .Where(s => FirewallPlanner.IsOwned(s.Comment) && desired.All(d => d.Name != s.Name))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => ApiWrite.Of(ApiMethod.Delete, ApiPath.Of(IpSets, s.Name), (s.Entries?.Count ?? 0) > 0 ? [new("force", "1")] : []))
            .ToList();
        return new IpSetPlan(before.ToValueList(), after.ToValueList());
    }

    private static string CommentOf(string? comment) =>
        string.IsNullOrWhiteSpace(comment) ? ClusterDesiredState.OwnershipMarker : $"{ClusterDesiredState.OwnershipMarker} {comment.Trim()}";

    /// <summary>
    /// Additions come before removals so a changed list never passes through an emptier one; an exclusion
    /// (<c>nomatch</c>) entry for a wanted cidr is removed first, since PVE refuses a second entry for the same cidr.
    /// </summary>
    private static void PlanEntries(List<ApiWrite> writes, FirewallIpSet s, IReadOnlyList<ObservedIpSetEntry> current)
    {
        var want = s.Cidrs.ToHashSet(StringComparer.Ordinal);
        var have = current.Where(e => !e.NoMatch).Select(e => e.Cidr).ToHashSet(StringComparer.Ordinal);
        foreach (var e in current.Where(e => e.NoMatch && want.Contains(e.Cidr)).OrderBy(e => e.Cidr, StringComparer.Ordinal))
        {
            writes.Add(ApiWrite.Of(ApiMethod.Delete, ApiPath.Of(IpSets, s.Name, e.Cidr), []));
        }

        foreach (var cidr in s.Cidrs.Where(c => !have.Contains(c)))
        {
            writes.Add(ApiWrite.Of(ApiMethod.Post, ApiPath.Of(IpSets, s.Name), [new("cidr", cidr)]));
        }

        foreach (var e in current.Where(e => !want.Contains(e.Cidr)).OrderBy(e => e.Cidr, StringComparer.Ordinal))
        {
            writes.Add(ApiWrite.Of(ApiMethod.Delete, ApiPath.Of(IpSets, s.Name, e.Cidr), []));
        }
    }
}
