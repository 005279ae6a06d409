using System.Globalization;
using System.Text;
using System.Text.Json;
using ProxmoxSdn.Model;

namespace Mesh.Cli.Rendering;

/// <summary>Text and JSON for <c>meshctl sdn plan</c>.</summary>
internal static class SdnPlanText
{
    // relaxed escaping: ipset references start with '+' and comments hold '[meshd]'; the output goes to terminals and files
    private static readonly SdnPlanJson Json = new(new JsonSerializerOptions(SdnPlanJson.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>What one `sdn plan` run found.</summary>
    public sealed record Report(string Site, string Writer, string Against, ClusterDesiredState Desired, IReadOnlyList<string> Writes);

    public static string Render(Report r)
    {
        var sb = new StringBuilder(2048);
        var d = r.Desired;
        sb.Append(CultureInfo.InvariantCulture, $"site {r.Site}: Proxmox SDN objects (written by {r.Writer})\n");
        sb.Append(CultureInfo.InvariantCulture, $"  controller {d.Controller.Id} type=evpn asn={d.Controller.Asn} peers={string.Join(',', d.Controller.Peers)}\n");
        foreach (var z in d.Zones)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"  zone {z.Id} type=evpn controller={z.Controller} vrf-vxlan={z.VrfVxlan} exitnodes={string.Join(',', z.ExitNodes)} exitnodes-local-routing={Flag(z.ExitNodesLocalRouting)} advertise-subnets={Flag(z.AdvertiseSubnets)} disable-arp-nd-suppression={Flag(z.DisableArpNdSuppression)} mtu={z.Mtu} ipam={z.Ipam}\n");
        }

        foreach (var v in d.Vnets)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  vnet {v.Id} zone={v.Zone} tag={v.Tag}{(v.Alias is null ? string.Empty : $" alias=\"{v.Alias}\"")}\n");
        }

        foreach (var s in d.Subnets)
        {
            var zone = d.Vnets.First(v => v.Id == s.Vnet).Zone;
            sb.Append(CultureInfo.InvariantCulture, $"  subnet {s.IdIn(zone)} vnet={s.Vnet} gateway={s.Gateway} snat={Flag(s.Snat)}\n");
        }

        foreach (var g in d.FirewallGroups)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  firewall group {g.Name} ({g.Rules.Count} rules): {g.Comment}\n");
            foreach (var rule in g.Rules)
            {
                sb.Append(CultureInfo.InvariantCulture, $"    {rule.Type} {rule.Action}{Opt("source", rule.Source)}{Opt("dest", rule.Dest)}{Opt("proto", rule.Proto)}{Opt("dport", rule.Dport)}{Opt("iface", rule.Iface)} # {rule.Comment}\n");
            }
        }

        sb.Append(CultureInfo.InvariantCulture, $"\nwrites against {r.Against}:\n");
        if (r.Writes.Count == 0)
        {
            sb.Append("  (none: the cluster is in sync)\n");
        }

        foreach (var w in r.Writes)
        {
            sb.Append("  ").Append(w).Append('\n');
        }

        return sb.ToString();
    }

    public static string RenderJson(Report r) => JsonSerializer.Serialize(r, Json.Report) + "\n";

    private static string Flag(bool value) => value ? "1" : "0";

    private static string Opt(string key, string? value) => value is null ? string.Empty : $" {key}={value}";
}
