using System.Globalization;
using System.Text;

namespace Mesh.Firewall;

/// <summary>Text for <c>meshctl firewall show --node NAME [--format nft|pve|json]</c>.</summary>
public static class FirewallShow
{
    /// <summary>The formats <see cref="Render"/> accepts.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["nft", "pve", "json"];

    /// <summary>
    /// Renders the plan: <c>nft</c> = the script meshd loads on native nodes, <c>pve</c> = meshd's Datacenter-level rules and
    /// the security group in Proxmox's cluster.fw syntax, with the host options they need, <c>json</c> = the neutral rule list.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown format (the message lists the valid ones).</exception>
    public static string Render(FirewallPlan plan, string format)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return format?.ToLowerInvariant() switch
        {
            "nft" => NftRenderer.Render(plan),
            "pve" => Pve(ProxmoxFirewallRenderer.Render(plan)),
            "json" => FirewallJson.Write(plan),
            _ => throw new ArgumentException($"unknown firewall format '{format}'; use one of: {string.Join(", ", Formats)}", nameof(format)),
        };
    }

    private static string Pve(ProxmoxFirewall fw)
    {
        var sb = new StringBuilder(1024);
        sb.Append("# host options the rules depend on (meshctl doctor checks them)\n");
        foreach (var o in fw.HostOptions)
        {
            var where = o.Scope == ProxmoxOptionScope.Cluster ? "cluster" : $"node {o.Node}";
            sb.Append(CultureInfo.InvariantCulture, $"# {where}: {o.Key}: {o.Value}  ({o.Why})\n");
        }

        sb.Append("\n# Datacenter > Firewall (cluster.fw [RULES]): meshd's rules, at the top\n");
        foreach (var r in fw.ClusterRules)
        {
            Line(sb, r);
        }

        foreach (var iface in fw.UnboundInterfaces)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"# {iface}: {ProxmoxInterfaceName.Explanation}; use e.g. {ProxmoxInterfaceName.Suggest(iface)}\n");
        }

        foreach (var set in fw.IpSets)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n[IPSET {set.Name}] # {set.Comment}\n");
            foreach (var c in set.Cidrs)
            {
                sb.Append(c).Append('\n');
            }
        }

        sb.Append(CultureInfo.InvariantCulture, $"\n[group {fw.GroupName}] # {fw.GroupComment}\n\n");
        foreach (var r in fw.Rules)
        {
            Line(sb, r);
        }

        return sb.ToString();
    }

    /// <summary>One rule in cluster.fw syntax (<c>GROUP name</c> for a group rule).</summary>
    private static void Line(StringBuilder sb, ProxmoxRule r)
    {
        sb.Append(r.Type.ToUpperInvariant()).Append(' ').Append(r.Action);
        Opt(sb, "-i", r.Iface);
        Opt(sb, "-source", r.Source);
        Opt(sb, "-dest", r.Dest);
        Opt(sb, "-p", r.Proto);
        Opt(sb, "-dport", r.Dport);
        Opt(sb, "-log", r.Log);
        sb.Append(" # ").Append(r.Comment).Append('\n');
    }

    private static void Opt(StringBuilder sb, string flag, string? value)
    {
        if (value is not null)
        {
            sb.Append(' ').Append(flag).Append(' ').Append(value);
        }
    }
}
