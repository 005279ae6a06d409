using System.Text;

namespace Frr;

/// <summary>
/// Renders an <see cref="FrrConfig"/> as frr.conf text. Deterministic: the section order and the
/// sorting of named items follow Proxmox's templates (proxmox-frr-templates), so a configuration
/// built like Proxmox builds it renders byte for byte like a Proxmox node's frr.conf.
/// Order: header, vrf blocks, router bgp (default first), prefix lists, route maps, static routes,
/// protocol route maps, bfd profiles, `line vty`.
/// </summary>
public static class FrrRenderer
{
    /// <summary>Renders the whole file (LF line ends, trailing newline).</summary>
    public static string Render(FrrConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var w = new ConfigWriter();
        w.Line($"frr version {config.Version}");
        w.Line($"frr defaults {config.Defaults}");
        w.Line($"hostname {config.Hostname}");
        w.Line("log syslog informational");
        w.Line("service integrated-vtysh-config");
        foreach (var vrf in config.Vrfs.OrderBy(v => v.Name, StringComparer.Ordinal))
        {
            WriteVrf(w, vrf);
        }

        foreach (var router in config.BgpRouters.OrderBy(r => r.Vrf is not null).ThenBy(r => r.Vrf, StringComparer.Ordinal))
        {
            w.Line("!");
            w.Line(router.Vrf is null ? $"router bgp {router.Asn}" : $"router bgp {router.Asn} vrf {router.Vrf}");
            BgpRouterWriter.Write(w, router);
            w.Line("exit");
        }

        PolicyWriter.WritePrefixLists(w, config.PrefixLists);
        PolicyWriter.WriteRouteMaps(w, config.RouteMaps);
        foreach (var route in config.StaticRoutes)
        {
            w.Line("!");
            w.Line(RouteLine(route));
        }

        PolicyWriter.WriteProtocolRouteMaps(w, config.ProtocolRouteMaps);
        WriteBfd(w, config.BfdProfiles);
        w.Line("!");
        w.Line("line vty");
        w.Line("!");
        return w.ToString();
    }

    internal static string RouteLine(StaticRoute r) =>
        $"{(r.IsIpv6 ? "ipv6" : "ip")} route {r.Prefix} {r.Via}{(r.NexthopVrf is null ? string.Empty : " " + r.NexthopVrf)}";

    private static void WriteVrf(ConfigWriter w, VrfConfig vrf)
    {
        w.Line("!");
        if (vrf.Name == "default")
        {
            // The L3VNI of the default VRF is a top-level command (hosts without kernel VRFs).
            if (vrf.Vni is { } defaultVni)
            {
                w.Line($"vni {defaultVni}");
            }

            foreach (var route in vrf.Routes)
            {
                w.Line(RouteLine(route));
            }

            return;
        }

        w.Line($"vrf {vrf.Name}");
        if (vrf.Vni is { } vni)
        {
            w.Line($" vni {vni}");
        }

        foreach (var route in vrf.Routes)
        {
            w.Line(" " + RouteLine(route));
        }

        w.Line("exit-vrf");
    }

    private static void WriteBfd(ConfigWriter w, ValueList<BfdProfile> profiles)
    {
        if (profiles.Count == 0)
        {
            return;
        }

        w.Line("!");
        w.Line("bfd");
        foreach (var p in profiles.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            w.Line($" profile {p.Name}");
            w.Line($"  detect-multiplier {p.DetectMultiplier}");
            w.Line($"  receive-interval {p.ReceiveIntervalMs}");
            w.Line($"  transmit-interval {p.TransmitIntervalMs}");
            w.Line(" exit");
        }

        w.Line("exit");
    }
}

/// <summary>Accumulates LF-terminated lines.</summary>
internal sealed class ConfigWriter
{
    private readonly StringBuilder _sb = new();

    public void Line(string line) => _sb.Append(line).Append('\n');

    public override string ToString() => _sb.ToString();
}
