using Mesh.Control;
using Mesh.Daemon.Hosting;
using Mesh.Daemon.Reconcile;
using Mesh.Firewall;
using Mesh.Model;
using Microsoft.Extensions.Logging;
using ProxmoxSdn;
using ProxmoxSdn.Api;
using ProxmoxSdn.Model;
using ProxmoxSdn.Sync;
using PveRule = ProxmoxSdn.Model.FirewallRule;
using NodePlan = Mesh.Planning.NodePlan;
using SdnPlan = Mesh.Planning.SdnPlan;

namespace Mesh.Daemon.Subsystems;

/// <summary>
/// Proxmox SDN sync on proxmox nodes whose site has API access in the spec (<c>sites.NAME.proxmox</c>): the
/// plan's SDN objects and the site's generated security group, brought onto the cluster by
/// <see cref="SdnReconciler"/> (minimal writes, one apply, PVE 9 lock). One writer per cluster: only the
/// alphabetically first proxmox node of the site writes; the others report who does. Every proxmox node of such a
/// site reads the host firewall options for <c>meshctl doctor</c> (<see cref="ReadHostOptionsAsync"/>).
/// </summary>
public sealed class SdnSubsystem : ISubsystem, IDisposable
{
    private readonly DaemonOptions _options;
    private readonly DaemonState _state;
    private readonly ILoggerFactory _loggers;
    private readonly Lock _clientLock = new();
    private (ProxmoxAccess Access, ProxmoxApiClient Client)? _client;
    private volatile NodePlan? _lastPlan;

    /// <summary>Creates the subsystem.</summary>
    public SdnSubsystem(DaemonOptions options, DaemonState state, ILoggerFactory loggers)
    {
        _options = options;
        _state = state;
        _loggers = loggers;
    }

    /// <inheritdoc/>
    public string Name => "sdn";

    /// <inheritdoc/>
    public async Task<SubsystemResult> ReconcileAsync(NodePlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Role != NodeRole.Proxmox || plan.Sdn is null)
        {
            return SubsystemResult.Disabled("not a proxmox node: no Proxmox SDN");
        }

        var spec = _state.Spec ?? throw new InvalidOperationException("no valid spec loaded");
        var site = spec.Sites.First(s => s.Name == plan.Site);
        if (site.Proxmox is null)
        {
            return SubsystemResult.Disabled($"site {site.Name} has no Proxmox API access in the spec (sites.{site.Name}.proxmox: url, token-file)");
        }

        _lastPlan = plan;
        var writer = Writer(site);
        if (writer != plan.Node)
        {
            return SubsystemResult.Unchanged($"sdn: written by {writer}");
        }

        var firewall = ProxmoxFirewallRenderer.Render(plan.Firewall);
        var desired = Mesh.Bindings.SdnBinding.ToDesired(plan.Sdn, firewall);
        var reconciler = new SdnReconciler(Client(site.Name, site.Proxmox),
            new SdnReconcilerOptions { StateDirectory = _options.StateDir, ClusterName = site.Name },
            _loggers.CreateLogger<SdnReconciler>());
        var result = await reconciler.ReconcileAsync(desired, cancellationToken);

        var unbound = firewall.UnboundInterfaces;
        var ipsets = (firewall.IpSets.Count == 0 ? string.Empty : $", {firewall.IpSets.Count} ipset(s)")
            + (unbound.Count == 0 ? string.Empty
                : $", rules for {string.Join(", ", unbound)} not bound to the interface (PVE allows no '-' in interface names; rename it, e.g. {ProxmoxInterfaceName.Suggest(unbound[0])})");
        var what = $"cluster {site.Name} (PVE {result.Version.Version}): zone {plan.Sdn.Zone.Id}, vnet {plan.Sdn.Vnet.Id}, group {firewall.GroupName} (cluster rule GROUP {firewall.GroupRule.Action}){ipsets}";
        if (result.NotAvailable.Count > 0)
        {
            var pending = string.Join(", ", result.NotAvailable.Select(s => $"{s.Node}/{s.Zone}={s.Status}"));
            return new SubsystemResult(Health.Degraded, result.WriteCount, $"{what}: applied, but not available on {pending} (check `pvesh get /nodes/NODE/sdn/zones`)");
        }

        return result.WriteCount > 0 || result.ApplyTask is not null
            ? SubsystemResult.Changed(result.WriteCount, $"{what}: {result.WriteCount} write(s){(result.ApplyTask is null ? string.Empty : ", applied")}")
            : SubsystemResult.Unchanged($"{what}: in sync");
    }

    /// <summary>
    /// Reads the host firewall options of this node's cluster and compares them with what the last plan's rules need.
    /// Null when this is not a proxmox node whose site has API access, or no plan was applied yet. Any proxmox node of
    /// the site may read (not only the writer). API failures become <see cref="HostOptionsReport.Error"/>.
    /// </summary>
    public async Task<HostOptionsReport?> ReadHostOptionsAsync(CancellationToken cancellationToken)
    {
        var plan = _lastPlan;
        var spec = _state.Spec;
        if (plan is null || spec is null || plan.Role != NodeRole.Proxmox)
        {
            return null;
        }

        var site = spec.Sites.FirstOrDefault(s => s.Name == plan.Site);
        if (site?.Proxmox is null)
        {
            return null;
        }

        var firewall = ProxmoxFirewallRenderer.Render(plan.Firewall);
        HostFirewallOptions options;
        try
        {
            options = await HostOptionsReader.ReadAsync(Client(site.Name, site.Proxmox), cancellationToken);
        }
        catch (ProxmoxSdnException e)
        {
            return HostOptionsReport.Unreachable(site.Name, e.Message);
        }

        var missing = ProxmoxOptionCheck.Missing(firewall, options.Cluster, options.Nodes)
            .Where(o => o.Node is null || !options.Unreadable.ContainsKey(o.Node))
            .ToList();
        return new HostOptionsReport(site.Name, missing, options.Unreadable, null);
    }

    /// <summary>The node that writes a site's SDN objects: the alphabetically first proxmox node.</summary>
    public static string Writer(SiteSpec site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return site.Nodes.Where(n => n.Role == NodeRole.Proxmox).Select(n => n.Name).Order(StringComparer.Ordinal).First();
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_clientLock)
        {
            _client?.Client.Dispose();
            _client = null;
        }
    }

    /// <summary>The cached client for the site's API (the doctor reads through it while the loop reconciles).</summary>
    private ProxmoxApiClient Client(string site, ProxmoxAccess access)
    {
        lock (_clientLock)
        {
            return _client is { } cached && cached.Access == access ? cached.Client : NewClient(site, access);
        }
    }

    private ProxmoxApiClient NewClient(string site, ProxmoxAccess access)
    {
        CertificateFingerprint? pin = null;
        if (access.Fingerprint is not null)
        {
            pin = CertificateFingerprint.TryParse(access.Fingerprint, out var parsed)
                ? parsed
                : throw new ProxmoxSdnException(SdnErrorKind.CertificateMismatch,
                    $"sites.{site}.proxmox.fingerprint: '{access.Fingerprint}' is not a SHA-256 fingerprint (AA:BB:... as `pvenode cert info` shows)");
        }

        var client = new ProxmoxApiClient(
            new ProxmoxClientOptions { BaseAddress = access.Url, Token = ApiToken.LoadFile(access.TokenFile), Fingerprint = pin },
            _loggers.CreateLogger<ProxmoxApiClient>());
        _client?.Client.Dispose();
        _client = (access, client);
        return client;
    }
}
