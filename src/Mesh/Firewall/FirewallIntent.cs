using System.Net;

namespace Mesh.Firewall;

/// <summary>Where a rule is evaluated.</summary>
public enum FirewallChain
{
    /// <summary>Traffic to the host itself (PVE type <c>in</c>).</summary>
    Input,

    /// <summary>Traffic routed or bridged through the host (PVE type <c>forward</c>).</summary>
    Forward,
}

/// <summary>What a rule does.</summary>
public enum FirewallAction
{
    /// <summary>Let it through.</summary>
    Accept,

    /// <summary>Drop it silently.</summary>
    Drop,
}

/// <summary>Layer-4 protocol a rule matches.</summary>
public enum FirewallProtocol
{
    /// <summary>Any protocol.</summary>
    Any,

    /// <summary>TCP.</summary>
    Tcp,

    /// <summary>UDP.</summary>
    Udp,

    /// <summary>ICMP (v4) and ICMPv6.</summary>
    Icmp,
}

/// <summary>
/// An extra rule from the spec's firewall intent ("allow tcp 22 from 10.2.1.9 to 10.1.1.0/24").
/// Empty <paramref name="Sources"/>/<paramref name="Destinations"/> mean any; empty <paramref name="Sites"/> means every site.
/// </summary>
/// <param name="Comment">Why the rule exists (shown in the rendered rule).</param>
/// <param name="Chain">Input or forward.</param>
/// <param name="Action">Accept or drop.</param>
/// <param name="Protocol">Protocol; ports need tcp or udp.</param>
/// <param name="Ports">Destination ports, or null for all.</param>
/// <param name="Sources">Source networks.</param>
/// <param name="Destinations">Destination networks.</param>
/// <param name="Sites">Sites the rule applies to.</param>
public sealed record FirewallIntent(
    string Comment,
    FirewallChain Chain,
    FirewallAction Action,
    FirewallProtocol Protocol,
    PortSpec? Ports,
    FirewallList<IPNetwork> Sources,
    FirewallList<IPNetwork> Destinations,
    FirewallList<string> Sites);
