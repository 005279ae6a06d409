using Mesh.Collections;
using Mesh.Model;

namespace Mesh.Spec;

/// <summary>Binds the YAML tree to <see cref="MeshSpec"/>; malformed fields get placeholder values and are marked invalid in the source map.</summary>
internal static partial class SpecBinder
{
    public const string DefaultInterface = "wg_mesh";
    public const int DefaultListenPort = 51820;
    public const int DefaultKeepalive = 25;
    public const int DefaultUnderlayMtu = 1500;

    public static MeshSpec Bind(BindContext ctx, YMapping root)
    {
        var f = new Fields(ctx, root, string.Empty, "mesh", "overlay", "topology", "sites");
        var mesh = BindMesh(ctx, f);
        var overlay = BindOverlay(ctx, f);
        var topology = BindTopology(ctx, f);
        var sites = BindSites(ctx, f);
        return new MeshSpec(mesh, overlay, topology, sites);
    }

    private static MeshSettings BindMesh(BindContext ctx, Fields root)
    {
        var map = root.Mapping("mesh", "add a 'mesh:' section with name and asn");
        if (map is null)
        {
            return new MeshSettings(string.Empty, default, DefaultWireGuard());
        }

        var f = new Fields(ctx, map, "mesh", "name", "asn", "wireguard");
        var name = f.Scalar("name", "give the mesh a name, e.g. name: home");
        if (name is not null && !Names.IsValidName(name.Value))
        {
            ctx.Invalid(name, f.PathOf("name"), $"'{name.Value}' is not a valid name (letters, digits and '-', at most 63 characters)");
        }

        var asnNode = f.Long("asn", "set the iBGP AS number shared by all nodes, e.g. asn: 65000");
        var asn = default(Asn);
        if (asnNode is { } a && !Asn.TryCreate(a, out asn))
        {
            ctx.Invalid(f.Node("asn")!, f.PathOf("asn"), $"{a} is not an AS number in 1..4294967294 (private ranges: 64512-65534, 4200000000-4294967294)");
        }

        var wgMap = f.Mapping("wireguard");
        var wg = DefaultWireGuard();
        if (wgMap is not null)
        {
            var w = new Fields(ctx, wgMap, "mesh.wireguard", "interface", "listen-port", "persistent-keepalive");
            wg = new WireGuardDefaults(
                w.Parse<InterfaceName>("interface", ValueParsers.Interface) ?? wg.Interface,
                w.Int("listen-port", 1, 65535) ?? DefaultListenPort,
                w.Int("persistent-keepalive", 0, 65535) ?? DefaultKeepalive);
        }

        return new MeshSettings(name?.Value ?? string.Empty, asn, wg);
    }

    private static WireGuardDefaults DefaultWireGuard()
    {
        InterfaceName.TryParse(DefaultInterface, out var name);
        return new WireGuardDefaults(name, DefaultListenPort, DefaultKeepalive);
    }

    private static TopologySpec BindTopology(BindContext ctx, Fields root)
    {
        var map = root.Mapping("topology");
        if (map is null)
        {
            return new TopologySpec(TopologyMode.FullMesh, EquatableArray<string>.Empty);
        }

        var f = new Fields(ctx, map, "topology", "mode", "route-reflectors");
        var mode = TopologyMode.FullMesh;
        var modeNode = f.Scalar("mode");
        if (modeNode is not null)
        {
            mode = modeNode.Value switch
            {
                "full-mesh" => TopologyMode.FullMesh,
                "gateways" => TopologyMode.Gateways,
                "route-reflectors" => TopologyMode.RouteReflectors,
                _ => Unknown(ctx, modeNode, f.PathOf("mode"), TopologyMode.FullMesh, "full-mesh", "gateways", "route-reflectors"),
            };
        }

        var rrs = f.ScalarList("route-reflectors").Select(x => x.Node.Value);
        return new TopologySpec(mode, EquatableArray.Sorted(rrs.Distinct(StringComparer.Ordinal), StringComparer.Ordinal));
    }

    /// <summary>Reports a value outside an enumeration, suggesting the closest allowed one.</summary>
    internal static T Unknown<T>(BindContext ctx, YScalar node, string path, T fallback, params string[] allowed)
    {
        var hint = Suggest.Closest(node.Value, allowed);
        ctx.Invalid(node, path, $"'{node.Value}' is not one of {string.Join(", ", allowed)}" + (hint is null ? string.Empty : $"; did you mean '{hint}'?"));
        return fallback;
    }
}
