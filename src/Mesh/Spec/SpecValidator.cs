using Mesh.Diagnostics;
using Mesh.Firewall;
using Mesh.Model;
using Mesh.Planning;

namespace Mesh.Spec;

/// <summary>Cross-field rules over a bound spec. Fields that failed to parse are skipped, so each mistake is reported once.</summary>
internal static partial class SpecValidator
{
    public const string LocalRoutingExplanation =
        "exit-nodes-local-routing: true is refused: Proxmox then routes exit-node traffic through an xvrf_<zone>/xvrfp_<zone> veth pair, " +
        "and in the two-cluster setup this design comes from that path rewrote the source ports of returning TCP packets " +
        "(port 80 arrived as 397, 238, 125, ...), so VMs reset every cross-site and internet connection; remove the key or set it to false";

    public static void Validate(MeshSpec spec, SpecSource source, List<Diagnostic> diagnostics)
    {
        var v = new Checker(source, diagnostics);
        ValidateOverlay(spec, v);
        ValidateSites(spec, v);
        ValidateNodes(spec, v);
        ValidateTopology(spec, v);
        ValidateMtu(spec, v);
        ValidateProxmoxInterface(spec, v);
    }

    private static void ValidateProxmoxInterface(MeshSpec spec, Checker v)
    {
        var name = spec.Mesh.WireGuard.Interface.ToString();
        if (!v.Valid("mesh.wireguard.interface") || ProxmoxInterfaceName.IsValid(name)
            || !spec.Sites.Any(s => s.Nodes.Any(n => n.Role == NodeRole.Proxmox)))
        {
            return;
        }

        v.Warning("mesh.wireguard.interface",
            $"'{name}': use e.g. {ProxmoxInterfaceName.Suggest(name)}: {ProxmoxInterfaceName.Explanation} on the proxmox nodes");
    }

    private static void ValidateOverlay(MeshSpec spec, Checker v)
    {
        var o = spec.Overlay;
        if (o.VrfVni.Value != 0 && o.VrfVni == o.Vnet.Vni)
        {
            v.Error("overlay.vnet.vni", $"vnet VNI {o.Vnet.Vni} equals the zone's vrf-vni; Proxmox needs them different (e.g. vrf-vni 99999, vnet vni 100000)");
        }

        if (o.Zone.Value.Length > 0 && o.Zone.Value == o.Vnet.Id.Value)
        {
            v.Error("overlay.vnet.id", $"vnet id '{o.Vnet.Id}' equals the zone id; give the vnet its own id");
        }

        if (o.ExitNodesLocalRouting)
        {
            v.Error("overlay.exit-nodes-local-routing", LocalRoutingExplanation);
        }
    }

    private static void ValidateMtu(MeshSpec spec, Checker v)
    {
        if (spec.Overlay.Mtu is not { } mtu || !spec.Sites.Any(s => s.Nodes.Count > 0))
        {
            return;
        }

        var computed = MtuCalculator.ComputedOverlayMtu(spec);
        if (mtu > computed)
        {
            v.Warning("overlay.mtu", $"{mtu} is larger than the computed overlay MTU {computed}; VM packets above {computed} bytes will be fragmented or dropped; remove mtu to use the computed value");
        }
    }

    /// <summary>Adds diagnostics at the position of a path.</summary>
    private sealed class Checker(SpecSource source, List<Diagnostic> diagnostics)
    {
        public SpecSource Source { get; } = source;

        public bool Valid(string path) => Source.IsValid(path);

        public void Error(string path, string message) => Add(Severity.Error, path, message);

        public void Warning(string path, string message) => Add(Severity.Warning, path, message);

        private void Add(Severity severity, string path, string message)
        {
            var (line, column) = Source.PositionOf(path);
            diagnostics.Add(new Diagnostic(severity, Source.File, line, column, path, message));
        }
    }
}
