using System.Net;
using System.Net.Sockets;

namespace Netlink.Rtnl;

/// <summary>RTN_* route types meshd uses.</summary>
public enum RouteType : byte
{
    /// <summary>A normal route via a gateway or device.</summary>
    Unicast = 1,

    /// <summary>A local address route (table local).</summary>
    Local = 2,

    /// <summary>A broadcast route.</summary>
    Broadcast = 3,

    /// <summary>Silently drop (null route).</summary>
    Blackhole = 6,

    /// <summary>Drop and answer ICMP unreachable.</summary>
    Unreachable = 7,

    /// <summary>Drop and answer ICMP prohibited.</summary>
    Prohibit = 8,
}

/// <summary>Route protocol (origin) markers, as in /etc/iproute2/rt_protos.</summary>
public static class RouteProtocol
{
    /// <summary>RTPROT_KERNEL.</summary>
    public const byte Kernel = 2;

    /// <summary>RTPROT_BOOT (iproute2's default for `ip route add`).</summary>
    public const byte Boot = 3;

    /// <summary>RTPROT_STATIC.</summary>
    public const byte Static = 4;

    /// <summary>
    /// meshd's marker (200, 0xC8): unused by the kernel, iproute2 and FRR (which take 186-197). meshd
    /// deletes only routes carrying it. Name it with `echo "200 meshd" > /etc/iproute2/rt_protos.d/meshd.conf`.
    /// </summary>
    public const byte Meshd = 200;
}

/// <summary>A route (desired or read back). Table 254 is "main".</summary>
public sealed record Route(IPNetwork Destination)
{
    /// <summary>RT_TABLE_MAIN.</summary>
    public const uint MainTable = 254;

    /// <summary>Route type.</summary>
    public RouteType Type { get; init; } = RouteType.Unicast;

    /// <summary>Next-hop gateway.</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>Output interface index.</summary>
    public int? OutputIndex { get; init; }

    /// <summary>Routing table id.</summary>
    public uint Table { get; init; } = MainTable;

    /// <summary>Metric (RTA_PRIORITY); null = the family default (IPv4 0, IPv6 1024).</summary>
    public uint? Metric { get; init; }

    /// <summary>Origin marker (RTPROT_*).</summary>
    public byte Protocol { get; init; } = RouteProtocol.Meshd;

    /// <summary>Preferred source address.</summary>
    public IPAddress? PreferredSource { get; init; }

    /// <summary>True for an IPv6 destination.</summary>
    public bool IsIPv6 => Destination.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>The metric the kernel applies when <see cref="Metric"/> is null.</summary>
    public uint EffectiveMetric => Metric ?? (IsIPv6 ? 1024u : 0u);

    /// <summary>The kernel's identity of a route: table, destination, metric.</summary>
    public (uint Table, IPNetwork Destination, uint Metric) Key => (Table, Destination, EffectiveMetric);

    /// <summary>True when the kernel's route <paramref name="other"/> has the same key and the same settings.</summary>
    public bool SameAs(Route other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Key == other.Key && Type == other.Type && Protocol == other.Protocol && Equals(Gateway, other.Gateway) &&
            (OutputIndex is null || OutputIndex == other.OutputIndex) && Equals(PreferredSource, other.PreferredSource);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{(Type == RouteType.Unicast ? string.Empty : Type.ToString().ToLowerInvariant() + " ")}{Destination}" +
        (Gateway is null ? string.Empty : $" via {Gateway}") + (OutputIndex is null ? string.Empty : $" dev #{OutputIndex}") +
        $" table {Table} proto {Protocol}" + (Metric is null ? string.Empty : $" metric {Metric}");
}
