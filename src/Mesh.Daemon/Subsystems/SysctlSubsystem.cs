using System.Globalization;
using Mesh.Daemon.Reconcile;
using Mesh.Planning;

namespace Mesh.Daemon.Subsystems;

/// <summary>
/// Kernel settings the mesh depends on (the seed's ip_forward, bridge-nf-call-ip(6)tables, rp_filter=0),
/// written to /proc/sys of the namespace meshd runs in, only when they differ. Bridge netfilter keys exist
/// only with br_netfilter loaded: missing ones are reported, not invented.
/// </summary>
public sealed class SysctlSubsystem : ISubsystem
{
    private readonly string _root;

    /// <summary>Creates the subsystem (root is /proc/sys; tests pass a temporary folder).</summary>
    public SysctlSubsystem(string root = "/proc/sys") => _root = root;

    /// <inheritdoc/>
    public string Name => "sysctl";

    /// <inheritdoc/>
    public Task<SubsystemResult> ReconcileAsync(NodePlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var changed = new List<string>();
        var missing = new List<string>();
        foreach (var s in plan.Sysctls)
        {
            var path = Path.Combine(_root, s.Key.Replace('.', '/'));
            if (!File.Exists(path))
            {
                missing.Add(s.Key);
                continue;
            }

            var current = File.ReadAllText(path).Trim();
            if (!string.Equals(current, s.Value, StringComparison.Ordinal))
            {
                File.WriteAllText(path, s.Value + "\n");
                changed.Add($"{s.Key}={s.Value} (was {current})");
            }
        }

        var note = missing.Count == 0
            ? string.Empty
            : $"; not present here: {string.Join(", ", missing)} (modprobe br_netfilter where bridged traffic must pass the firewall)";
        return Task.FromResult(changed.Count > 0
            ? SubsystemResult.Changed(changed.Count, string.Join(", ", changed) + note)
            : SubsystemResult.Unchanged(string.Create(CultureInfo.InvariantCulture, $"{plan.Sysctls.Count - missing.Count} settings in place{note}")));
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
