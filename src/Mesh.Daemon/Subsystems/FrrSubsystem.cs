using Frr;
using Mesh.Control;
using Mesh.Daemon.Hosting;
using Mesh.Daemon.Reconcile;
using Mesh.Model;
using Mesh.Planning;
using Microsoft.Extensions.Logging;

namespace Mesh.Daemon.Subsystems;

/// <summary>
/// FRR on native nodes and route reflectors: the plan's EVPN intent rendered as frr.conf (the same
/// shape a Proxmox node renders for the zone), applied with frr-reload (only the difference; one
/// neighbour's change does not reset the others). On Proxmox nodes FRR belongs to Proxmox: disabled.
/// </summary>
public sealed class FrrSubsystem : ISubsystem
{
    private readonly DaemonOptions _options;
    private readonly LinksSubsystem _links;
    private readonly ILoggerFactory _loggers;
    private string? _frrVersion;

    /// <summary>Creates the subsystem.</summary>
    public FrrSubsystem(DaemonOptions options, LinksSubsystem links, ILoggerFactory loggers)
    {
        _options = options;
        _links = links;
        _loggers = loggers;
    }

    /// <inheritdoc/>
    public string Name => "frr";

    /// <summary>The FRR instance (pathspace) meshd drives.</summary>
    public FrrInstance Instance => new() { Pathspace = string.IsNullOrEmpty(_options.FrrPathspace) ? null : _options.FrrPathspace };

    /// <inheritdoc/>
    public async Task<SubsystemResult> ReconcileAsync(NodePlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Role == NodeRole.Proxmox)
        {
            return SubsystemResult.Disabled("proxmox node: FRR is rendered by Proxmox SDN");
        }

        _frrVersion ??= InstalledFrrVersion();
        var config = Mesh.Bindings.FrrBinding.ToEvpnNode(plan, _frrVersion);
        var errors = EvpnConfigBuilder.Validate(config);
        if (errors.Count > 0)
        {
            return new SubsystemResult(Health.Failed, 0, "EVPN config rejected: " + string.Join("; ", errors));
        }

        var applier = new FrrApplier(Instance, _loggers.CreateLogger<FrrApplier>());
        var model = EvpnConfigBuilder.Build(config);
        if (_links.NoVrf)
        {
            model = DefaultVrfEvpn.Apply(model, plan);
        }

        var result = await applier.ApplyAsync(model, cancellationToken);
        if (!result.Verified)
        {
            return new SubsystemResult(Health.Degraded, result.ConfigChanged ? 1 : 0,
                $"running config lacks {result.MissingLines.Count} line(s) after reload, e.g. '{result.MissingLines[0]}'");
        }

        var peers = (plan.Evpn.RouteReflector ? $"route reflector, {plan.Evpn.ListenRanges.Count} listen range(s)" : $"{plan.Evpn.Neighbors.Count} neighbour(s)")
            + (_links.NoVrf ? ", L3VNI in the default VRF" : string.Empty);
        var how = result.Restarted ? $"restarted FRR ({result.RestartReason})" : result.Reloaded ? "reloaded" : "unchanged";
        return result.ConfigChanged || result.Restarted || result.DaemonsEnabled.Count > 0
            ? SubsystemResult.Changed(1, $"frr {_frrVersion}, {peers}: {how}")
            : SubsystemResult.Unchanged($"frr {_frrVersion}, {peers}");
    }

    /// <summary>The installed FRR version ("8.4.4"), used for the `frr version` line.</summary>
    public static string InstalledFrrVersion()
    {
        const string status = "/var/lib/dpkg/status";
        if (File.Exists(status))
        {
            var inFrr = false;
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("Package: ", StringComparison.Ordinal))
                {
                    inFrr = line == "Package: frr";
                }
                else if (inFrr && line.StartsWith("Version: ", StringComparison.Ordinal))
                {
                    var v = line["Version: ".Length..];
                    var epoch = v.IndexOf(':', StringComparison.Ordinal);
                    v = epoch >= 0 ? v[(epoch + 1)..] : v;
                    var cut = v.IndexOfAny(['-', '~', '+']);
                    return cut > 0 ? v[..cut] : v;
                }
            }
        }

        return "8.4.4";
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
