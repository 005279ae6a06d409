using System.Net;
using Mesh.Control;
using Mesh.Daemon.Reconcile;
using Mesh.Planning;
using Netlink;
using Netlink.Rtnl;

namespace Mesh.Daemon.Subsystems;

/// <summary>
/// The overlay devices of a native node over netlink: per vnet a bridge (gateway address, overlay MTU)
/// and its vxlan port (VNI, local VTEP, dstport, learning off, neighbour suppression), and per zone the
/// L3VNI devices (vrf, vrfbr, vrfvx). Where the kernel has no VRF support the L3VNI devices live in the
/// default table (reported in the status message), which is what the lab on this machine uses.
/// </summary>
public sealed class LinksSubsystem : ISubsystem
{
    /// <summary>Alias set on every device meshd creates, so it deletes only its own.</summary>
    public const string OwnerAlias = "meshd";

    /// <inheritdoc/>
    public string Name => "links";

    /// <summary>True once the kernel refused a VRF device (this machine).</summary>
    public bool NoVrf { get; private set; }

    /// <inheritdoc/>
    public Task<SubsystemResult> ReconcileAsync(NodePlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Links is not { } links)
        {
            return Task.FromResult(SubsystemResult.Disabled($"role {plan.Role.ToString().ToLowerInvariant()}: the overlay devices belong to Proxmox SDN or are not needed"));
        }

        using var rtnl = RtnlClient.Open();
        var changes = new List<string>();
        string? vrfMaster = links.Vrf.Name.Value;
        try
        {
            Note(changes, links.Vrf.Name.Value, rtnl.EnsureLink(new LinkSpec(links.Vrf.Name.Value, new VrfKind(1000 + (uint)(plan.Evpn.L3Vni.Value % 1000))) { Up = true, Alias = OwnerAlias }));
        }
        catch (NotSupportedByKernelException)
        {
            NoVrf = true;
            vrfMaster = null;
        }

        EnsureBridge(rtnl, links.VrfBridge, links.Vrf.Name.Value, vrfMaster, changes);
        EnsureVxlan(rtnl, links.VrfVxlan, changes);
        foreach (var bridge in links.Bridges)
        {
            EnsureBridge(rtnl, bridge, links.Vrf.Name.Value, vrfMaster, changes);
        }

        foreach (var vxlan in links.Vxlans)
        {
            EnsureVxlan(rtnl, vxlan, changes);
        }

        var mode = NoVrf ? " (no kernel VRF: L3VNI in the default table)" : string.Empty;
        var summary = $"{links.Bridges.Count} vnet bridge(s), {links.Vxlans.Count} vxlan(s){mode}";
        return Task.FromResult(changes.Count > 0
            ? SubsystemResult.Changed(changes.Count, $"{summary}: {string.Join(", ", changes)}")
            : SubsystemResult.Unchanged(summary));
    }

    private static void EnsureBridge(RtnlClient rtnl, BridgeDevice bridge, string vrfName, string? vrfMaster, List<string> changes)
    {
        var name = bridge.Name.Value;

        // Enslave to the VRF when the kernel has one; without VRF support the bridge stays in the default table.
        var master = bridge.Master == vrfName ? vrfMaster : bridge.Master;
        Note(changes, name, rtnl.EnsureLink(new LinkSpec(name, new BridgeKind()) { Mtu = (uint)bridge.Mtu, Up = true, Master = master, Alias = OwnerAlias }));
        foreach (var cidr in bridge.Addresses)
        {
            var slash = cidr.IndexOf('/', StringComparison.Ordinal);
            var address = IPAddress.Parse(cidr.AsSpan(0, slash));
            var prefix = int.Parse(cidr.AsSpan(slash + 1), System.Globalization.CultureInfo.InvariantCulture);
            Note(changes, $"{name} {cidr}", rtnl.EnsureAddress(name, address, prefix));
        }
    }

    private static void EnsureVxlan(RtnlClient rtnl, VxlanDevice vxlan, List<string> changes)
    {
        var name = vxlan.Name.Value;
        var kind = new VxlanKind((uint)vxlan.Vni.Value) { Local = vxlan.Local, Port = (ushort)vxlan.DstPort, Learning = vxlan.Learning };
        Note(changes, name, rtnl.EnsureLink(new LinkSpec(name, kind)
        {
            Mtu = (uint)vxlan.Mtu,
            Up = true,
            Master = vxlan.Master,
            Alias = OwnerAlias,
            BridgePort = new BridgePortSettings { NeighSuppress = vxlan.NeighborSuppression, Learning = vxlan.Learning },
        }));
    }

    private static void Note(List<string> changes, string what, EnsureResult result)
    {
        if (result != EnsureResult.Unchanged)
        {
            changes.Add($"{what} {result.ToString().ToLowerInvariant()}");
        }
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
