using System.Net;
using Mesh.Firewall;

namespace Mesh.Daemon.Tests.Nft;

/// <summary>The seed's roz node as a native node (nftables backend), wg0 standing in for the WireGuard device.</summary>
internal static class NftPlans
{
    public static FirewallPlan Roz(bool snat = true)
    {
        FirewallSite roz = new(
            "roz", IPNetwork.Parse("10.1.0.0/16"),
            [new FirewallNode("roz1", IPAddress.Parse("10.1.0.1"), null, IsExitNode: true, UplinkInterface: "up0")],
            [new FirewallSubnet(IPNetwork.Parse("10.1.1.0/24"), IPAddress.Parse("10.1.1.1"), snat)],
            "crossvnt", IsProxmox: false);
        FirewallSite wro = new(
            "wro", IPNetwork.Parse("10.2.0.0/16"),
            [new FirewallNode("wro1", IPAddress.Parse("10.2.0.1"), null, IsExitNode: false)],
            [new FirewallSubnet(IPNetwork.Parse("10.2.1.0/24"), IPAddress.Parse("10.2.1.1"), true)],
            "crossvnt", IsProxmox: false);
        return FirewallGenerator.Generate(new FirewallInputs
        {
            MeshName = "seed",
            LocalSite = "roz",
            LocalNode = "roz1",
            WireGuardInterface = "wg0",
            Sites = [roz, wro],
        });
    }
}
