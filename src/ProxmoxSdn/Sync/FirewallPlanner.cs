using System.Globalization;
using ProxmoxSdn.Api;
using ProxmoxSdn.Model;

namespace ProxmoxSdn.Sync;

/// <summary>
/// Security group writes split around the cluster-level rules: <see cref="Upserts"/> creates and fills groups before a
/// cluster rule may reference them; <see cref="Deletions"/> empties and deletes owned groups no longer wanted, once
/// no rule of ours references them any more.
/// </summary>
/// <param name="Upserts">Group creations, comment updates and rule writes, in execution order.</param>
/// <param name="Deletions">Rule deletions and group deletions of owned groups that are no longer desired.</param>
public sealed record GroupPlan(ValueList<ApiWrite> Upserts, ValueList<ApiWrite> Deletions);

/// <summary>
/// Pure diff of security groups. PVE inserts a new rule at position 0, so missing rules are created
/// top-down in reverse order; existing positions are updated in place; surplus rules are deleted from
/// the bottom. Groups whose comment carries the ownership marker and that are no longer desired are emptied
/// and deleted; other groups are never touched.
/// </summary>
public static class FirewallPlanner
{
    private const string Groups = "/cluster/firewall/groups";

    /// <summary>Writes that bring <paramref name="observed"/> to <paramref name="desired"/>: deletions, then upserts.</summary>
    public static IReadOnlyList<ApiWrite> Plan(IReadOnlyList<FirewallGroup> desired, IReadOnlyList<ObservedGroup> observed)
    {
        var plan = PlanGroups(desired, observed);
        return [.. plan.Deletions, .. plan.Upserts];
    }

    /// <summary>The writes of <see cref="Plan"/>, split so cluster rules can be written in between.</summary>
    public static GroupPlan PlanGroups(IReadOnlyList<FirewallGroup> desired, IReadOnlyList<ObservedGroup> observed)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(observed);
        var deletions = new List<ApiWrite>();
        var byName = observed.ToDictionary(g => g.Name, StringComparer.Ordinal);
        foreach (var g in observed.Where(g => IsOwned(g.Comment) && desired.All(d => d.Name != g.Name)).OrderBy(g => g.Name, StringComparer.Ordinal))
        {
            for (var pos = (g.Rules?.Count ?? 0) - 1; pos >= 0; pos--)
            {
                deletions.Add(ApiWrite.Of(ApiMethod.Delete, RulePath(g.Name, pos), []));
            }

            deletions.Add(ApiWrite.Of(ApiMethod.Delete, ApiPath.Of(Groups, g.Name), []));
        }

        var writes = new List<ApiWrite>();
        foreach (var g in desired.OrderBy(g => g.Name, StringComparer.Ordinal))
        {
            var comment = Marked(g.Comment);
            byName.TryGetValue(g.Name, out var current);
            if (current is null)
            {
                writes.Add(ApiWrite.Of(ApiMethod.Post, Groups, [new("group", g.Name), new("comment", comment)]));
            }
            else if ((current.Comment ?? string.Empty).Trim() != comment)
            {
                writes.Add(ApiWrite.Of(ApiMethod.Post, Groups, [new("group", g.Name), new("rename", g.Name), new("comment", comment)]));
            }

            PlanRules(writes, g, current?.Rules ?? []);
        }

        return new GroupPlan(writes.ToValueList(), deletions.ToValueList());
    }

    /// <summary>Whether a group comment marks the group as meshd's.</summary>
    public static bool IsOwned(string? comment) =>
        comment?.TrimStart().StartsWith(ClusterDesiredState.OwnershipMarker, StringComparison.Ordinal) ?? false;

    /// <summary>A comment with the ownership marker in front (the bare marker for no comment).</summary>
    internal static string Marked(string? comment) =>
        string.IsNullOrWhiteSpace(comment) ? ClusterDesiredState.OwnershipMarker : $"{ClusterDesiredState.OwnershipMarker} {comment.Trim()}";

    private static void PlanRules(List<ApiWrite> writes, FirewallGroup g, IReadOnlyList<IReadOnlyDictionary<string, string>> current)
    {
        var want = g.Rules;
        var added = Math.Max(0, want.Count - current.Count);
        for (var i = added - 1; i >= 0; i--)
        {
            writes.Add(ObjectDiff.Create(ApiPath.Of(Groups, g.Name), [], SdnProperties.Of(want[i])));
        }

        for (var i = 0; i < Math.Min(current.Count, want.Count); i++)
        {
            var pos = added + i;
            var observed = new ObservedObject(pos.ToString(CultureInfo.InvariantCulture), current[i], null);
            if (ObjectDiff.Update(RulePath(g.Name, pos), SdnProperties.Of(want[pos]), observed) is { } update)
            {
                writes.Add(update);
            }
        }

        for (var pos = current.Count - 1; pos >= want.Count; pos--)
        {
            writes.Add(ApiWrite.Of(ApiMethod.Delete, RulePath(g.Name, pos), []));
        }
    }

    private static string RulePath(string group, int pos) =>
        ApiPath.Of(Groups, group, pos.ToString(CultureInfo.InvariantCulture));
}
