namespace Frr;

/// <summary>A named prefix list and its rules.</summary>
/// <param name="Name">List name.</param>
/// <param name="Rules">Rules in order.</param>
public sealed record PrefixList(string Name, ValueList<PrefixListRule> Rules);

/// <summary>`ip[v6] prefix-list NAME [seq N] ACTION NETWORK [le X] [ge Y]`.</summary>
/// <param name="Seq">Sequence number or null.</param>
/// <param name="Action">permit or deny.</param>
/// <param name="Network">Prefix text.</param>
/// <param name="IsIpv6">Renders `ipv6 prefix-list` when true.</param>
/// <param name="Le">Optional `le` bound.</param>
/// <param name="Ge">Optional `ge` bound.</param>
public sealed record PrefixListRule(int? Seq, string Action, string Network, bool IsIpv6, int? Le = null, int? Ge = null);

/// <summary>A named route map and its entries (rendered in list order).</summary>
/// <param name="Name">Route map name.</param>
/// <param name="Entries">Entries in order.</param>
public sealed record RouteMap(string Name, ValueList<RouteMapEntry> Entries);

/// <summary>`route-map NAME ACTION SEQ` with `match` and `set` clauses.</summary>
/// <param name="Action">permit or deny.</param>
/// <param name="Seq">Sequence number.</param>
/// <param name="Matches">Match clauses without the `match` keyword, e.g. `ip address prefix-list only_default`.</param>
/// <param name="Sets">Set clauses without the `set` keyword, e.g. `metric 200`.</param>
public sealed record RouteMapEntry(string Action, int Seq, ValueList<string> Matches, ValueList<string> Sets);
