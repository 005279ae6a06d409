using System.Globalization;
using System.Text;

namespace Mesh.Firewall;

/// <summary>Deterministic Proxmox object names for a mesh (API pattern <c>[A-Za-z][A-Za-z0-9\-_]+</c>).</summary>
public static class ProxmoxGroupName
{
    /// <summary>Maximum security group name length (PVE API).</summary>
    public const int MaxLength = 18;

    private const string Prefix = "meshd-";

    /// <summary>
    /// <c>meshd-&lt;mesh&gt;</c>; names longer than 18 characters keep a prefix of the mesh name and end in
    /// 4 hex digits of a stable hash of the full name, so different long meshes do not collide.
    /// </summary>
    public static string For(string mesh)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        var clean = Sanitize(mesh);
        var name = Prefix + clean;
        if (name.Length <= MaxLength)
        {
            return name;
        }

        var hash = Fnv1a(mesh).ToString("x4", CultureInfo.InvariantCulture);
        return string.Concat(Prefix, clean.AsSpan(0, MaxLength - Prefix.Length - 5), "-", hash);
    }

    /// <summary>Name of the ipset holding a long address list of a group rule.</summary>
    public static string IpSet(string group, string purpose) => $"{group}-{purpose}";

    private static string Sanitize(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }

        return sb.Length == 0 ? "mesh" : sb.ToString();
    }

    private static ushort Fnv1a(string s)
    {
        var h = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            h = unchecked((h ^ b) * 16777619u);
        }

        return (ushort)(h ^ (h >> 16));
    }
}
