using Mesh.Daemon.Hosting;
using Mesh.Daemon.Nft;
using Mesh.Daemon.Reconcile;
using Mesh.Firewall;
using Mesh.Model;
using Mesh.Planning;
using Microsoft.Extensions.Logging;

namespace Mesh.Daemon.Subsystems;

/// <summary>
/// The generated firewall of a native node: meshd's own `table inet meshd` (WireGuard port, BGP and VXLAN
/// only from peer VTEPs on the WireGuard interface, overlay forwarding, SNAT for exit-node subnets), loaded
/// atomically and only when it differs. Other tables are never touched. On Proxmox nodes the security group
/// is written through the API by the SDN subsystem instead.
/// </summary>
public sealed class FirewallSubsystem : ISubsystem
{
    private readonly DaemonState _state;
    private readonly NftApplier _nft;

    /// <summary>Creates the subsystem; <paramref name="nft"/> picks another nft binary or network namespace (tests).</summary>
    public FirewallSubsystem(DaemonState state, ILoggerFactory loggers, NftOptions? nft = null)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _state = state;
        _nft = new NftApplier(nft ?? new NftOptions(), loggers.CreateLogger<NftApplier>());
    }

    /// <inheritdoc/>
    public string Name => "firewall";

    /// <inheritdoc/>
    public async Task<SubsystemResult> ReconcileAsync(NodePlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Role == NodeRole.Proxmox)
        {
            return SubsystemResult.Disabled("proxmox node: the cluster security group is applied through the Proxmox API");
        }

        var spec = _state.Spec ?? throw new InvalidOperationException("no valid spec loaded");
        var firewall = FirewallInputsFromSpec.Plan(spec, plan.Node);
        var outcome = await _nft.ApplyAsync(firewall, cancellationToken);
        var summary = $"table inet meshd: {firewall.Rules.Count} rule(s), {firewall.Snat.Count} snat";
        return outcome switch
        {
            NftApplyOutcome.Loaded => SubsystemResult.Changed(1, $"{summary} loaded"),
            NftApplyOutcome.Removed => SubsystemResult.Changed(1, "table inet meshd removed"),
            _ => SubsystemResult.Unchanged(summary),
        };
    }

    /// <summary>
    /// For `meshctl doctor`: null when the running <c>table inet meshd</c> is what the plan renders; otherwise what
    /// differs, in words.
    /// </summary>
    /// <exception cref="NftException">nft could not list the table.</exception>
    public async Task<string?> DriftAsync(NodePlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var spec = _state.Spec ?? throw new InvalidOperationException("no valid spec loaded");
        var firewall = FirewallInputsFromSpec.Plan(spec, plan.Node);
        var running = await _nft.ReadTableAsync(cancellationToken);
        if (running is null)
        {
            return "table inet meshd is missing: WireGuard, BGP and VXLAN are not allowed in and the exit-node SNAT is gone";
        }

        var wanted = NftScript.Definition(NftRenderer.Render(firewall), NftApplier.TableId);
        return NftScript.Normalize(running) == NftScript.Normalize(wanted)
            ? null
            : "table inet meshd differs from the plan (edited by hand or by another tool)";
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
