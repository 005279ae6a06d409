using System.Text.RegularExpressions;

namespace Mesh.Firewall;

/// <summary>
/// The interface names a Proxmox firewall rule accepts (PVE's <c>pve-iface</c> format: <c>[a-z][a-z0-9_]{1,20}</c>,
/// optionally <c>:n</c> or <c>.n</c>, case-insensitive). A <c>-</c> is not allowed: <c>wg_mesh</c> can be named,
/// <c>wg-mesh</c> cannot.
/// </summary>
public static partial class ProxmoxInterfaceName
{
    /// <summary>Why a name fails <see cref="IsValid"/> and what to do (for diagnostics).</summary>
    public const string Explanation =
        "Proxmox firewall rules cannot name interfaces with '-' (letters, digits and '_' only, 2-21 characters), " +
        "so BGP/VXLAN are then only source-restricted instead of bound to the WireGuard interface";

    /// <summary>Whether PVE accepts <paramref name="name"/> as a firewall rule's interface.</summary>
    public static bool IsValid(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Iface().IsMatch(name);
    }

    /// <summary>A PVE-valid suggestion for <paramref name="name"/> (<c>-</c> and other characters become <c>_</c>).</summary>
    public static string Suggest(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Invalid().Replace(name, "_");
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_]{1,20}([:.]\d+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Iface();

    [GeneratedRegex("[^a-zA-Z0-9_]")]
    private static partial Regex Invalid();
}
