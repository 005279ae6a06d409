using System.Net;
using Mesh.Firewall;

namespace Mesh.Tests.Firewall;

/// <summary>The seed's two sites as firewall inputs: roz (exit node) and wro, one PVE node each.</summary>
internal static class SeedMesh
{
    public static FirewallSite Roz(bool snat = true) => new(
        "roz",
        IPNetwork.Parse("10.1.0.0/16"),
        [new FirewallNode("pve-roz", IPAddress.Parse("10.1.0.1"), null, IsExitNode: true, UplinkInterface: "vmbr0")],
        [new FirewallSubnet(IPNetwork.Parse("10.1.1.0/24"), IPAddress.Parse("10.1.1.1"), snat)],
        "crossvnt",
        IsProxmox: true);

    public static FirewallSite Wro() => new(
        "wro",
        IPNetwork.Parse("10.2.0.0/16"),
        [new FirewallNode("pve-wro", IPAddress.Parse("10.2.0.1"), null, IsExitNode: false)],
        [new FirewallSubnet(IPNetwork.Parse("10.2.1.0/24"), IPAddress.Parse("10.2.1.1"), Snat: true)],
        "crossvnt",
        IsProxmox: true);

    public static FirewallInputs Inputs(string site = "roz", bool snat = true) => new()
    {
        MeshName = "seed",
        LocalSite = site,
        LocalNode = site == "roz" ? "pve-roz" : "pve-wro",
        WireGuardPort = 51820,
        WireGuardInterface = "wg0",
        Sites = [Roz(snat), Wro()],
        LogLevel = "err",
    };
}
