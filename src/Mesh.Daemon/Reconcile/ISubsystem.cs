using Mesh.Control;
using Mesh.Planning;

namespace Mesh.Daemon.Reconcile;

/// <summary>The outcome of one subsystem's pass: how many changes it made, and whether it is healthy.</summary>
public sealed record SubsystemResult(Health Health, int Changes, string Message)
{
    /// <summary>Nothing to do: already as planned.</summary>
    public static SubsystemResult Unchanged(string message = "in sync") => new(Health.Healthy, 0, message);

    /// <summary>Changes applied successfully.</summary>
    public static SubsystemResult Changed(int changes, string message) => new(Health.Healthy, changes, message);

    /// <summary>The subsystem is not used on this node.</summary>
    public static SubsystemResult Disabled(string why) => new(Health.Disabled, 0, why);
}

/// <summary>
/// One adapter glued to the plan (WireGuard, links, FRR, firewall, Proxmox SDN, sysctls, DDNS). Each
/// compares the plan with what the system reports (not with memory) and applies only the difference.
/// </summary>
public interface ISubsystem
{
    /// <summary>Stable name shown by `meshctl status` (e.g. "wireguard").</summary>
    string Name { get; }

    /// <summary>Brings the system to the plan; throws on failure (the loop records it and retries with backoff).</summary>
    Task<SubsystemResult> ReconcileAsync(NodePlan plan, CancellationToken cancellationToken);

    /// <summary>Called once on a clean stop (remove userspace devices; leave kernel devices and FRR up).</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
