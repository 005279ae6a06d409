using System.Text.RegularExpressions;

namespace Mesh.Model;

/// <summary>Rules for site and node names and the Proxmox controller id.</summary>
public static partial class Names
{
    /// <summary>Site and node names are DNS labels: 1-63 characters, letters, digits and '-', not starting or ending with '-'.</summary>
    public static bool IsValidName(string? name) => name is { Length: >= 1 and <= 63 } && Label().IsMatch(name);

    /// <summary>Proxmox SDN controller ids: 2-64 characters, <c>[a-zA-Z][a-zA-Z0-9_-]*[a-zA-Z0-9]</c>.</summary>
    public static bool IsValidControllerId(string? id) => id is { Length: >= 2 and <= 64 } && Controller().IsMatch(id);

    /// <summary>A DNS host name: dot-separated labels, 1-253 characters, the last one not all digits.</summary>
    public static bool IsValidHostName(string? host)
    {
        if (host is null || host.Length is < 1 or > 253)
        {
            return false;
        }

        var trimmed = host.EndsWith('.') ? host[..^1] : host;
        var labels = trimmed.Split('.');

        // an all-digit last label is a mistyped IPv4 address (999.1.1.1), not a name
        return trimmed.Length > 0 && labels.All(IsValidName) && !labels[^1].All(char.IsAsciiDigit);
    }

    [GeneratedRegex("^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_-]*[a-zA-Z0-9]$")]
    private static partial Regex Controller();
}
