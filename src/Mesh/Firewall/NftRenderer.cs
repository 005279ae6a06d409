using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mesh.Firewall;

/// <summary>
/// Renders a <see cref="FirewallPlan"/> as meshd's own nftables table for native nodes. Chains have policy accept
/// so meshd never locks anyone out: it accepts what the mesh needs and drops only the ports it manages (BGP and
/// VXLAN from non-peers; the WireGuard port from non-peers when every peer endpoint is static). The text is in
/// the form <c>nft list table</c> prints, so the applier can compare the running table with it.
/// </summary>
public static partial class NftRenderer
{
    /// <summary>Table family.</summary>
    public const string Family = "inet";

    /// <summary>Table name.</summary>
    public const string Table = "meshd";

    private const int MaxCommentBytes = 128;

    /// <summary>
    /// The whole script for <c>nft -f</c>: a header comment, <c>add table</c> + <c>delete table</c> (so the load
    /// replaces the table atomically whether or not it existed) and the table definition.
    /// </summary>
    public static string Render(FirewallPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var sb = new StringBuilder(1024);
        sb.Append(CultureInfo.InvariantCulture, $"# meshd firewall for node {plan.Node} (site {plan.Site}, mesh {plan.Mesh}); generated, do not edit\n");
        sb.Append(CultureInfo.InvariantCulture, $"add table {Family} {Table}\n");
        sb.Append(CultureInfo.InvariantCulture, $"delete table {Family} {Table}\n");
        AppendDefinition(sb, plan);
        return sb.ToString();
    }

    /// <summary>Only the table definition, exactly as <c>nft list table inet meshd</c> prints it.</summary>
    public static string Definition(FirewallPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var sb = new StringBuilder(1024);
        AppendDefinition(sb, plan);
        return sb.ToString();
    }

    private static void AppendDefinition(StringBuilder sb, FirewallPlan plan)
    {
        sb.Append(CultureInfo.InvariantCulture, $"table {Family} {Table} {{\n");
        BeginChain(sb, "input", "filter", "input", "filter");
        foreach (var r in plan.Rules.Where(r => r.Chain == FirewallChain.Input))
        {
            AppendRule(sb, r);
        }

        AppendManagedDrops(sb, plan);
        sb.Append("\t}\n\n");
        BeginChain(sb, "forward", "filter", "forward", "filter");
        foreach (var r in plan.Rules.Where(r => r.Chain == FirewallChain.Forward))
        {
            AppendRule(sb, r);
        }

        sb.Append("\t}\n");
        if (plan.Snat.Count > 0)
        {
            sb.Append('\n');
            BeginChain(sb, "postrouting", "nat", "postrouting", "srcnat");
            foreach (var s in plan.Snat)
            {
                AppendSnat(sb, s);
            }

            sb.Append("\t}\n");
        }

        sb.Append("}\n");
    }

    private static void BeginChain(StringBuilder sb, string name, string type, string hook, string priority) =>
        sb.Append(CultureInfo.InvariantCulture, $"\tchain {name} {{\n\t\ttype {type} hook {hook} priority {priority}; policy accept;\n");

    private static void AppendManagedDrops(StringBuilder sb, FirewallPlan plan)
    {
        var wg = Quote(plan.WireGuardInterface);
        var vtep = plan.LocalVtep.ToString();
        var ipKeyword = plan.LocalVtep.AddressFamily == AddressFamily.InterNetwork ? "ip" : "ip6";
        foreach (var r in plan.Rules)
        {
            switch (r.Kind)
            {
                case FirewallRuleKind.Bgp or FirewallRuleKind.Vxlan:
                    var (proto, port, what) = r.Kind == FirewallRuleKind.Bgp
                        ? ("tcp", FirewallGenerator.BgpPort, "BGP")
                        : ("udp", FirewallGenerator.VxlanPort, "VXLAN");
                    Line(sb, $"iifname {wg} {proto} dport {port} drop", $"{what} over WireGuard only from peer VTEPs");
                    Line(sb, $"iifname != \"lo\" {ipKeyword} daddr {vtep} {proto} dport {port} drop", $"{what} to the VTEP only over WireGuard");
                    break;
                case FirewallRuleKind.WireGuard when !r.Source.IsAny:
                    Line(sb, $"udp dport {plan.WireGuardPort} drop", "WireGuard port only from the peers' static endpoints");
                    break;
                default:
                    break;
            }
        }
    }

    private static void AppendRule(StringBuilder sb, FirewallRule r)
    {
        var verdict = r.Action == FirewallAction.Drop ? "drop" : "accept";
        var iface = r.InInterface is null ? string.Empty : $"iifname {Quote(r.InInterface)} ";
        var families = FamiliesOf(r.Source, r.Destination);
        if (families.Count == 0)
        {
            Line(sb, $"{iface}{Protocol(r, null)}{verdict}", r.Comment);
            return;
        }

        foreach (var f in families)
        {
            // written straight into the script: the sets of a large mesh hold thousands of addresses
            var kw = f == AddressFamily.InterNetwork ? "ip" : "ip6";
            sb.Append("\t\t").Append(iface);
            if (!r.Source.IsAny)
            {
                AppendSet(sb.Append(kw).Append(" saddr "), r.Source.Networks, f).Append(' ');
            }

            if (!r.Destination.IsAny)
            {
                AppendSet(sb.Append(kw).Append(" daddr "), r.Destination.Networks, f).Append(' ');
            }

            EndLine(sb.Append(Protocol(r, f)).Append(verdict), r.Comment);
        }
    }

    private static void AppendSnat(StringBuilder sb, SnatRule s)
    {
        var f = s.Source.BaseAddress.AddressFamily;
        var kw = f == AddressFamily.InterNetwork ? "ip" : "ip6";
        AppendSet(sb.Append("\t\t").Append(kw).Append(" saddr "), [s.Source], f).Append(' ');
        if (s.ExceptDestinations.Count > 0)
        {
            AppendSet(sb.Append(kw).Append(" daddr != "), s.ExceptDestinations, f).Append(' ');
        }

        if (s.OutInterface is not null)
        {
            sb.Append("oifname ").Append(Quote(s.OutInterface)).Append(' ');
        }

        EndLine(sb.Append("masquerade"), s.Comment);
    }
}
