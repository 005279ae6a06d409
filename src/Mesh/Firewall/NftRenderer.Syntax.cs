using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mesh.Firewall;

/// <summary>nft syntax pieces: address families, protocol matches, sets, quoting.</summary>
public static partial class NftRenderer
{
    /// <summary>Families a rule needs lines for; empty when neither side names addresses.</summary>
    private static List<AddressFamily> FamiliesOf(FirewallAddress source, FirewallAddress dest)
    {
        var result = new List<AddressFamily>(2);
        if (source.IsAny && dest.IsAny)
        {
            return result;
        }

        foreach (var f in (ReadOnlySpan<AddressFamily>)[AddressFamily.InterNetwork, AddressFamily.InterNetworkV6])
        {
            if ((source.IsAny || Has(source, f)) && (dest.IsAny || Has(dest, f)))
            {
                result.Add(f);
            }
        }

        return result;
    }

    private static bool Has(FirewallAddress a, AddressFamily f) => a.Networks.Any(n => n.BaseAddress.AddressFamily == f);

    private static string Protocol(FirewallRule r, AddressFamily? family)
    {
        var ports = r.DestinationPorts?.ToNft();
        return r.Protocol switch
        {
            FirewallProtocol.Tcp => ports is null ? "meta l4proto tcp " : $"tcp dport {ports} ",
            FirewallProtocol.Udp => ports is null ? "meta l4proto udp " : $"udp dport {ports} ",
            FirewallProtocol.Icmp => family switch
            {
                AddressFamily.InterNetwork => "meta l4proto icmp ",
                AddressFamily.InterNetworkV6 => "meta l4proto ipv6-icmp ",
                _ => "meta l4proto { icmp, ipv6-icmp } ",
            },
            _ => string.Empty,
        };
    }

    /// <summary>An address set as nft prints it: merged intervals, braces only for more than one element.</summary>
    private static StringBuilder AppendSet(StringBuilder sb, IEnumerable<IPNetwork> networks, AddressFamily family)
    {
        var intervals = CidrSet.Intervals(networks, family);
        if (intervals.Count == 1)
        {
            return CidrSet.AppendFormat(sb, intervals[0]);
        }

        sb.Append("{ ");
        for (var i = 0; i < intervals.Count; i++)
        {
            CidrSet.AppendFormat(i == 0 ? sb : sb.Append(", "), intervals[i]);
        }

        return sb.Append(" }");
    }

    private static void Line(StringBuilder sb, string rule, string comment) => EndLine(sb.Append("\t\t").Append(rule), comment);

    private static void EndLine(StringBuilder sb, string comment) =>
        sb.Append(" comment ").Append(Quote(Truncate(comment))).Append('\n');

    private static string Quote(string s) => "\"" + s.Replace("\"", "'", StringComparison.Ordinal) + "\"";

    private static string Truncate(string comment)
    {
        if (Encoding.UTF8.GetByteCount(comment) <= MaxCommentBytes - 1)
        {
            return comment;
        }

        var end = comment.Length;
        while (end > 0 && Encoding.UTF8.GetByteCount(comment.AsSpan(0, end)) > MaxCommentBytes - 1)
        {
            end--;
        }

        return comment[..end];
    }
}
