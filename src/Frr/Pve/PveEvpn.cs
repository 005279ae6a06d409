using System.Net;
using System.Net.Sockets;

namespace Frr;

/// <summary>
/// Renders the frr.conf a Proxmox VE node would render for its SDN running config, so a native
/// (non-Proxmox) node can join an existing Proxmox EVPN zone. Follows pve-network's EVPN/BGP
/// controller plugins: controllers in id order, then zones, then vnets.
/// </summary>
public static class PveEvpn
{
    /// <summary>Renders frr.conf text for <paramref name="node"/>.</summary>
    /// <param name="runningConfigJson">Content of /etc/pve/sdn/.running-config.</param>
    /// <param name="node">This node's name (hostname line, exit-node and bgp-controller matching).</param>
    /// <param name="localIp">This node's VTEP address (one of the controller's peers).</param>
    /// <param name="frrVersion">`frr version` header: the installed FRR version.</param>
    /// <param name="routerId">Router id; required when <paramref name="localIp"/> is IPv6 (Proxmox derives it from the MAC).</param>
    public static string RenderFromRunningConfig(string runningConfigJson, string node, IPAddress localIp, string frrVersion, IPAddress? routerId = null) =>
        FrrRenderer.Render(Build(PveRunningConfigParser.Parse(runningConfigJson), node, localIp, frrVersion, routerId));

    /// <summary>Builds the configuration model for a node from a parsed running config.</summary>
    public static FrrConfig Build(PveRunningConfig sdn, string node, IPAddress localIp, string frrVersion, IPAddress? routerId = null)
    {
        ArgumentNullException.ThrowIfNull(sdn);
        ArgumentException.ThrowIfNullOrWhiteSpace(node);
        ArgumentNullException.ThrowIfNull(localIp);
        ArgumentException.ThrowIfNullOrWhiteSpace(frrVersion);
        var rid = RouterId(localIp, routerId);
        var draft = new FrrDraft();
        var bgp = sdn.Controllers.FirstOrDefault(c => c.Type == "bgp" && c.Node == node);
        CheckSupported(sdn, node);

        foreach (var c in sdn.Controllers)
        {
            if (c.Type == "evpn")
            {
                PveEvpnController.AddController(draft, c, bgp, localIp, rid);
            }
            else if (c.Type == "bgp" && c.Node == node)
            {
                PveBgpController.Add(draft, c, localIp, rid);
            }
        }

        foreach (var zone in sdn.Zones)
        {
            if (Controller(sdn, zone) is { Type: "evpn" } c)
            {
                PveEvpnZone.Add(draft, sdn, zone, c, bgp, node, rid);
            }
        }

        foreach (var vnet in sdn.Vnets)
        {
            var zone = sdn.Zones.FirstOrDefault(z => z.Id == vnet.Zone);
            if (zone is not null && Controller(sdn, zone) is { Type: "evpn" })
            {
                PveEvpnZone.AddVnetRoutes(draft, sdn, zone, vnet, node);
            }
        }

        return draft.ToConfig(frrVersion, node);
    }

    private static PveController? Controller(PveRunningConfig sdn, PveZone zone) =>
        zone.Controller is null ? null : sdn.Controllers.FirstOrDefault(c => c.Id == zone.Controller);

    private static string RouterId(IPAddress localIp, IPAddress? routerId)
    {
        if (routerId is not null)
        {
            return routerId.AddressFamily == AddressFamily.InterNetwork
                ? routerId.ToString()
                : throw new FrrException(FrrErrorReason.InvalidConfig, $"router id {routerId} must be an IPv4 address");
        }

        return localIp.AddressFamily == AddressFamily.InterNetwork
            ? localIp.ToString()
            : throw new FrrException(FrrErrorReason.InvalidConfig,
                $"local IP {localIp} is IPv6: pass an IPv4 router id (Proxmox derives one from the interface MAC)");
    }

    private static void CheckSupported(PveRunningConfig sdn, string node)
    {
        foreach (var c in sdn.Controllers)
        {
            if (c.Type == "evpn" && c.Fabric is not null)
            {
                throw new FrrException(FrrErrorReason.Unsupported,
                    $"controllers.ids.{c.Id}.fabric: EVPN over an SDN fabric is not supported; configure the controller with peers");
            }

            if (c.Type == "isis" && c.Node == node)
            {
                throw new FrrException(FrrErrorReason.Unsupported,
                    $"controllers.ids.{c.Id}: isis controllers are not supported for node {node}");
            }

            if (c.Type is not ("evpn" or "bgp" or "isis" or "faucet"))
            {
                throw new FrrException(FrrErrorReason.InvalidConfig,
                    $"controllers.ids.{c.Id}.type: unknown controller type '{c.Type}' (expected evpn, bgp, isis or faucet)");
            }
        }
    }
}
