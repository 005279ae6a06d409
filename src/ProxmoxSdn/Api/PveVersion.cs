using System.Globalization;

namespace ProxmoxSdn.Api;

/// <summary>The Proxmox VE release a cluster runs (from <c>GET /version</c>) and what its SDN API offers.</summary>
public sealed record PveVersion(int Major, int Minor, string Version)
{
    /// <summary>PVE 9.x: global SDN lock with lock-token, rollback; 8.x has none.</summary>
    public bool HasSdnLock => Major >= 9;

    /// <summary>PVE 9.1+: <c>GET /cluster/sdn/dry-run</c>.</summary>
    public bool HasDryRun => Major > 9 || (Major == 9 && Minor >= 1);

    /// <summary>Parses <c>release</c> ("9.1") or <c>version</c> ("9.1.3").</summary>
    public static bool TryParse(string? release, string? version, out PveVersion? result)
    {
        result = null;
        foreach (var text in new[] { release, version })
        {
            var parts = (text ?? string.Empty).Split('.', '-');
            if (parts.Length >= 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
            {
                result = new PveVersion(major, minor, version ?? text!);
                return true;
            }
        }

        return false;
    }
}
