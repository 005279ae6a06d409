using System.CommandLine;
using Mesh.Cli.Rendering;
using Mesh.Firewall;
using Mesh.Model;
using Mesh.Planning;
using ProxmoxSdn;
using ProxmoxSdn.Api;
using ProxmoxSdn.Sync;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>meshctl sdn plan FILE --site NAME [--json] [--api]</c>: the Proxmox SDN objects and security group meshd
/// keeps on a site's cluster, and the API writes it would make: against an empty cluster by default (no API
/// access needed), or against the live cluster with <c>--api</c> (read only; nothing is written).
/// </summary>
public static class SdnCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "the mesh spec (YAML)" };
        var site = new Option<string>("--site") { Description = "the Proxmox site (cluster)", Required = true };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var api = new Option<bool>("--api") { Description = "read the live cluster (the site's proxmox url, token-file, fingerprint) and show the real diff" };
        var version = new Option<string>("--pve-version")
        {
            Description = "without --api: the PVE release to plan for (9.x writes under the SDN lock); default 9.1",
            DefaultValueFactory = _ => "9.1",
        };
        var plan = new Command("plan", "print the SDN objects and the API writes for one Proxmox site") { file, site, json, api, version };
        plan.SetAction((r, ct) => RunAsync(r, r.GetValue(file)!, r.GetValue(site)!, r.GetValue(json), r.GetValue(api), r.GetValue(version)!, ct));
        return new Command("sdn", "Proxmox SDN sync") { plan };
    }

    private static async Task<int> RunAsync(ParseResult result, string path, string siteName, bool json, bool api, string versionText, CancellationToken cancellationToken)
    {
        var error = CliIo.Error(result);
        if (!PveVersion.TryParse(versionText, versionText, out var version))
        {
            error.WriteLine($"meshctl: --pve-version '{versionText}' is not a PVE release like 8.4 or 9.1");
            return Cli.Usage;
        }

        var spec = SpecFile.Load(result, path, out var code);
        if (spec is null)
        {
            return code;
        }

        var site = spec.Sites.FirstOrDefault(s => s.Name == siteName);
        var writer = site?.Nodes.Where(n => n.Role == NodeRole.Proxmox).Select(n => n.Name).Order(StringComparer.Ordinal).FirstOrDefault();
        if (site is null || writer is null)
        {
            var proxmoxSites = spec.Sites.Where(s => s.Nodes.Any(n => n.Role == NodeRole.Proxmox)).Select(s => s.Name);
            error.WriteLine(site is null
                ? $"meshctl: site '{siteName}' is not in {path}; Proxmox sites: {string.Join(", ", proxmoxSites)}"
                : $"meshctl: site '{siteName}' has no proxmox node, so no Proxmox SDN; Proxmox sites: {string.Join(", ", proxmoxSites)}");
            return Cli.Usage;
        }

        var plan = SpecFile.Plan(result, spec, writer);
        if (plan?.Sdn is null)
        {
            return Cli.Usage;
        }

        var desired = Mesh.Bindings.SdnBinding.ToDesired(plan.Sdn, ProxmoxFirewallRenderer.Render(plan.Firewall));
        try
        {
            SdnPlanText.Report report;
            if (api)
            {
                if (site.Proxmox is null)
                {
                    error.WriteLine($"meshctl: --api needs sites.{siteName}.proxmox (url, token-file, fingerprint) in {path}");
                    return Cli.Usage;
                }

                using var client = PveAccess.Client(siteName, site.Proxmox);
                var reconciler = new SdnReconciler(client, new SdnReconcilerOptions { StateDirectory = Path.GetTempPath(), ClusterName = siteName });
                var live = await reconciler.PlanAsync(desired, cancellationToken);
                report = new(siteName, writer, $"the live cluster {site.Proxmox.Url} (PVE {live.Version.Version})", desired, live.Plan.Render(live.Version));
            }
            else
            {
                var writes = SdnPlanner.Plan(desired, new ObservedCluster([], [], [], [], [], []));
                report = new(siteName, writer, $"an empty cluster (PVE {version!.Version}; --api reads the live one)", desired, writes.Render(version));
            }

            CliIo.Out(result).Write(json ? SdnPlanText.RenderJson(report) : SdnPlanText.Render(report));
            return Cli.Ok;
        }
        catch (ProxmoxSdnException e)
        {
            error.WriteLine($"meshctl: sdn plan for site {siteName}: {e.Message}");
            return Cli.Failed;
        }
    }
}
