using System.Text.RegularExpressions;

namespace ProxmoxSdn.Model;

/// <summary>Name rules of the PVE API that callers need before building a desired state.</summary>
public static partial class PveNames
{
    /// <summary>
    /// Whether PVE accepts <paramref name="name"/> as a firewall rule interface (format <c>pve-iface</c>:
    /// <c>[a-z][a-z0-9_]{1,20}</c>, optionally <c>:n</c> or <c>.n</c>, case-insensitive). A <c>-</c> is not allowed, so
    /// e.g. <c>wg-mesh</c> cannot be named in a PVE rule while <c>wg_mesh</c> can.
    /// </summary>
    public static bool IsValidInterface(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Iface().IsMatch(name);
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_]{1,20}([:.]\d+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Iface();
}
