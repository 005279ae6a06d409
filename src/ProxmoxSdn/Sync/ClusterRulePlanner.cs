using System.Globalization;
using ProxmoxSdn.Api;
using ProxmoxSdn.Model;

namespace ProxmoxSdn.Sync;

/// <summary>
/// Pure diff of the datacenter-level rules (<c>/cluster/firewall/rules</c>). Owned: rules whose comment starts with
/// the ownership marker; every other rule is never written and keeps its relative order. Each desired rule is
/// matched with an owned one (identical first, then same type, then any): unmatched owned rules are deleted
/// (highest position first, so the remaining positions stay valid), matched ones are updated in place (PUT of the
/// changed properties; an owned rule an administrator moved stays where it is), and missing ones are created last,
/// at the top of the list (PVE inserts a new rule at position 0; created in reverse so they end up in the desired
/// order). meshd does not reorder its own existing rules among themselves. In sync: zero writes.
/// The writes carry no digest: <see cref="SdnReconciler"/> sends each PUT/DELETE with the digest of a fresh read.
/// </summary>
public static class ClusterRulePlanner
{
    /// <summary>The collection path.</summary>
    public const string Rules = "/cluster/firewall/rules";

    /// <summary>Writes that bring <paramref name="observed"/> to <paramref name="desired"/>, in execution order.</summary>
    public static IReadOnlyList<ApiWrite> Plan(IReadOnlyList<FirewallRule> desired, IReadOnlyList<IReadOnlyDictionary<string, string>> observed)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(observed);
        var owned = Enumerable.Range(0, observed.Count)
            .Where(pos => FirewallPlanner.IsOwned(observed[pos].GetValueOrDefault("comment")))
            .ToList();
        var match = Match(desired, observed, owned);
        var writes = new List<ApiWrite>();
        foreach (var pos in owned.Where(p => !match.ContainsValue(p)).OrderDescending())
        {
            writes.Add(ApiWrite.Of(ApiMethod.Delete, RulePath(pos), []));
        }

        foreach (var (i, pos) in match.OrderBy(m => m.Value))
        {
            var current = new ObservedObject(pos.ToString(CultureInfo.InvariantCulture), observed[pos], null);
            if (ObjectDiff.Update(RulePath(pos), Properties(desired[i]), current) is { } update)
            {
                writes.Add(update);
            }
        }

        for (var i = desired.Count - 1; i >= 0; i--)
        {
            if (!match.ContainsKey(i))
            {
                writes.Add(ObjectDiff.Create(Rules, [], Properties(desired[i])));
            }
        }

        return writes;
    }

    /// <summary>
    /// Desired index → position of the owned rule it becomes: first identical rules, then rules of the same type (a
    /// group rule stays the group rule when the group is renamed or its log level changed), then any left, in order.
    /// </summary>
    private static Dictionary<int, int> Match(
        IReadOnlyList<FirewallRule> desired, IReadOnlyList<IReadOnlyDictionary<string, string>> observed, List<int> owned)
    {
        var match = new Dictionary<int, int>();
        var free = new List<int>(owned);
        Func<int, int, bool>[] passes =
        [
            (i, pos) => ObjectDiff.Update(string.Empty, Properties(desired[i]), new ObservedObject(string.Empty, observed[pos], null)) is null,
            (i, pos) => observed[pos].GetValueOrDefault("type") == desired[i].Type,
            (_, _) => true,
        ];
        foreach (var fits in passes)
        {
            for (var i = 0; i < desired.Count; i++)
            {
                if (!match.ContainsKey(i) && free.FirstOrDefault(pos => fits(i, pos), -1) is var pos and >= 0)
                {
                    match[i] = pos;
                    free.Remove(pos);
                }
            }
        }

        return match;
    }

    /// <summary>Whether a write targets a cluster-level rule.</summary>
    public static bool IsClusterRuleWrite(ApiWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return write.Path == Rules || write.Path.StartsWith(Rules + "/", StringComparison.Ordinal);
    }

    /// <summary>Whether the write addresses a rule by position (PUT/DELETE), so it must carry the list's digest.</summary>
    internal static bool NeedsDigest(ApiWrite write) => IsClusterRuleWrite(write) && write.Method is ApiMethod.Put or ApiMethod.Delete;

    private static IReadOnlyList<DesiredProp> Properties(FirewallRule rule) =>
        SdnProperties.Of(rule with { Comment = FirewallPlanner.Marked(rule.Comment) });

    private static string RulePath(int pos) => ApiPath.Of(Rules, pos.ToString(CultureInfo.InvariantCulture));
}
