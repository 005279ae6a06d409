using System.Globalization;
using System.Net;
using Mesh.Collections;

namespace Mesh.Model;

/// <summary>The BGP-EVPN overlay: one zone with one vnet whose subnets are declared per site.</summary>
/// <param name="Controller">Proxmox EVPN controller id.</param>
/// <param name="Zone">EVPN zone id.</param>
/// <param name="VrfVni">L3 VNI of the zone's VRF.</param>
/// <param name="Vnet">The vnet.</param>
/// <param name="AdvertiseSubnets">Announce whole subnets in EVPN (default true).</param>
/// <param name="DisableArpNdSuppression">Turn off ARP/ND suppression (default false).</param>
/// <param name="ExitNodesLocalRouting">Always false in a valid spec (see validation).</param>
/// <param name="Mtu">Explicit overlay (VM) MTU, or null to compute it.</param>
/// <param name="Firewall">Extra firewall intent.</param>
public sealed record OverlaySpec(
    string Controller,
    SdnId Zone,
    Vni VrfVni,
    VnetSpec Vnet,
    bool AdvertiseSubnets,
    bool DisableArpNdSuppression,
    bool ExitNodesLocalRouting,
    int? Mtu,
    FirewallIntent Firewall);

/// <summary>The overlay vnet (a layer-2 segment with an L2 VNI).</summary>
/// <param name="Id">Vnet id.</param>
/// <param name="Vni">L2 VNI (the Proxmox vnet tag).</param>
/// <param name="Alias">Free-text description, or null.</param>
public sealed record VnetSpec(SdnId Id, Vni Vni, string? Alias);

/// <summary>Firewall intent beyond what the mesh needs by itself (WireGuard, BGP, VXLAN are implied).</summary>
/// <param name="Allow">Extra allow rules, in spec order.</param>
public sealed record FirewallIntent(EquatableArray<FirewallRule> Allow)
{
    /// <summary>No extra rules.</summary>
    public static FirewallIntent None { get; } = new(EquatableArray<FirewallRule>.Empty);
}

/// <summary>One extra allow rule.</summary>
/// <param name="Protocol">tcp, udp or icmp.</param>
/// <param name="Ports">Destination ports (empty = all, always empty for icmp).</param>
/// <param name="From">Source networks (empty = any).</param>
/// <param name="To">Destination networks (empty = any).</param>
/// <param name="Comment">Free text, or null.</param>
public sealed record FirewallRule(
    FirewallProtocol Protocol,
    EquatableArray<PortRange> Ports,
    EquatableArray<IPNetwork> From,
    EquatableArray<IPNetwork> To,
    string? Comment);

/// <summary>An inclusive port range (a single port when First == Last).</summary>
public readonly record struct PortRange(int First, int Last)
{
    /// <summary>Parses <c>22</c> or <c>8000-8080</c>.</summary>
    public static bool TryParse(string? text, out PortRange range)
    {
        range = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var first = dash < 0 ? text : text[..dash];
        var last = dash < 0 ? text : text[(dash + 1)..];
        if (!int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            || !int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var b)
            || a is < 1 or > 65535 || b is < 1 or > 65535 || b < a)
        {
            return false;
        }

        range = new PortRange(a, b);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        First == Last ? First.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{First}-{Last}");
}
