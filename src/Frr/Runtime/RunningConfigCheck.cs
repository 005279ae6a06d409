namespace Frr;

/// <summary>
/// Compares a rendered frr.conf with `show running-config` for the lines that matter (BGP instances,
/// neighbours, VNIs, VRFs, EVPN address-family statements, policy and static routes). Header,
/// defaults-dependent and cosmetic lines are ignored because FRR omits lines equal to its defaults.
/// </summary>
public static class RunningConfigCheck
{
    private static readonly string[] Significant =
    [
        "router bgp ", "neighbor ", "bgp listen range ", "bgp cluster-id ", "vrf ", "vni ", "advertise-all-vni",
        "autort ", "route-target ", "import vrf ", "default-originate ", "advertise ipv4 unicast",
        "advertise ipv6 unicast", "redistribute ", "network ", "route-map ", "match ", "set ",
        "ip prefix-list ", "ipv6 prefix-list ", "ip route ", "ipv6 route ",
    ];

    /// <summary>The significant lines of a configuration, whitespace-normalised, in order.</summary>
    public static IReadOnlyList<string> SignificantLines(string config) =>
        [.. Lines(config).Where(l => Significant.Any(p => l.StartsWith(p, StringComparison.Ordinal))).Distinct(StringComparer.Ordinal)];

    /// <summary>Significant lines of <paramref name="wanted"/> that <paramref name="running"/> lacks.</summary>
    public static ValueList<string> Missing(string wanted, string running)
    {
        var have = Lines(running).Select(Canonical).ToHashSet(StringComparer.Ordinal);
        return SignificantLines(wanted).Where(l => !have.Contains(Canonical(l))).ToValueList();
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).Where(l => l.Length > 0);

    /// <summary>FRR prints a null route's next hop as Null0 or blackhole.</summary>
    private static string Canonical(string line) =>
        line.Replace(" null0", " blackhole", StringComparison.OrdinalIgnoreCase);
}
