using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Mesh.Firewall;

/// <summary>One port or an inclusive port range.</summary>
public readonly record struct PortInterval(ushort First, ushort Last)
{
    /// <inheritdoc/>
    public override string ToString() => First == Last
        ? First.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{First}-{Last}");
}

/// <summary>
/// A validated destination-port specification: ports and ranges, sorted and merged
/// (<c>22</c>, <c>80,443</c>, <c>8000:8100</c> or <c>8000-8100</c>).
/// </summary>
public sealed record PortSpec
{
    private PortSpec(FirewallList<PortInterval> ranges) => Ranges = ranges;

    /// <summary>The sorted, non-overlapping ranges.</summary>
    public FirewallList<PortInterval> Ranges { get; }

    /// <summary>A single port.</summary>
    public static PortSpec Single(ushort port) => new([new PortInterval(port, port)]);

    /// <summary>Parses a port list; returns false (with a reason) for anything else.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out PortSpec? spec, [NotNullWhen(false)] out string? error)
    {
        spec = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty port list: write a port (22), a list (80,443) or a range (8000:8100)";
            return false;
        }

        var ranges = new List<PortInterval>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var sep = raw.IndexOfAny([':', '-']);
            var firstText = sep < 0 ? raw : raw[..sep];
            var lastText = sep < 0 ? raw : raw[(sep + 1)..];
            if (!TryPort(firstText, out var first) || !TryPort(lastText, out var last) || last < first)
            {
                error = $"'{raw}' in '{text}' is not a port (1-65535) or an ascending range like 8000:8100";
                return false;
            }

            ranges.Add(new PortInterval(first, last));
        }

        ranges.Sort((a, b) => a.First.CompareTo(b.First));
        var merged = new List<PortInterval>(ranges.Count);
        foreach (var r in ranges)
        {
            if (merged.Count > 0 && r.First <= merged[^1].Last + 1)
            {
                var prev = merged[^1];
                merged[^1] = prev with { Last = Math.Max(prev.Last, r.Last) };
            }
            else
            {
                merged.Add(r);
            }
        }

        spec = new PortSpec(FirewallList.Own(merged));
        error = null;
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> with the reason.</summary>
    public static PortSpec Parse(string text) =>
        TryParse(text, out var spec, out var error) ? spec : throw new FormatException(error);

    /// <summary>Proxmox form: <c>80,443,8000:8100</c>.</summary>
    public string ToProxmox()
    {
        var sb = new StringBuilder();
        foreach (var r in Ranges)
        {
            if (sb.Length > 0)
            {
                sb.Append(',');
            }

            sb.Append(CultureInfo.InvariantCulture, $"{r.First}");
            if (r.Last != r.First)
            {
                sb.Append(CultureInfo.InvariantCulture, $":{r.Last}");
            }
        }

        return sb.ToString();
    }

    /// <summary>nftables form: <c>179</c> or <c>{ 80, 443, 8000-8100 }</c>.</summary>
    public string ToNft() => Ranges.Count == 1
        ? Ranges[0].ToString()
        : "{ " + string.Join(", ", Ranges) + " }";

    /// <inheritdoc/>
    public override string ToString() => ToProxmox();

    private static bool TryPort(string s, out ushort port) =>
        ushort.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port > 0;
}
