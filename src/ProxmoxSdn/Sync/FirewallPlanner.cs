using System.Globalization;
using ProxmoxSdn.Api;
using ProxmoxSdn.Model;

namespace ProxmoxSdn.Sync;

/// <summary>
/// Pure diff of security groups. PVE inserts a new rule at position 0, so missing rules are created
/// top-down in reverse order; existing positions are updated in place; surplus rules are deleted from
/// the bottom. Groups whose comment carries the ownership marker and that are no longer desired are emptied
/// and deleted; other groups are never touched.
/// </summary>
public static class FirewallPlanner
{
    private const string Groups = "/cluster/firewall/groups";

    /// <summary>Writes that bring <paramref name="observed"/> to <paramref name="desired"/>.</summary>
    public static IReadOnlyList<ApiWrite> Plan(IReadOnlyList<FirewallGroup> desired, IReadOnlyList<ObservedGroup> observed)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(observed);
        var writes = new List<ApiWrite>();
        var byName = observed.ToDictionary(g => g.Name, StringComparer.Ordinal);
        foreach (var g in observed.Where(g => IsOwned(g.Comment) && desired.All(d => d.Name != g.Name)).OrderBy(g => g.Name, StringComparer.Ordinal))
        {
            for (var pos = (g.Rules?.Count ?? 0) - 1; pos >= 0; pos--)
            {
                writes.Add(ApiWrite.Of(ApiMethod.Delete, RulePath(g.Name, pos), []));
            }

            writes.Add(ApiWrite.Of(ApiMethod.Delete, ApiPath.Of(Groups, g.Name), []));
        }

        foreach (var g in desired.OrderBy(g => g.Name, StringComparer.Ordinal))
        {
            var comment = CommentOf(g);
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

        return writes;
    }

    /// <summary>Whether a group comment marks the group as meshd's.</summary>
    public static bool IsOwned(string? comment) =>
        comment?.TrimStart().StartsWith(ClusterDesiredState.OwnershipMarker, StringComparison.Ordinal) ?? false;

    private static string CommentOf(FirewallGroup g) =>
        string.IsNullOrWhiteSpace(g.Comment) ? ClusterDesiredState.OwnershipMarker : $"{ClusterDesiredState.OwnershipMarker} {g.Comment.Trim()}";

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
