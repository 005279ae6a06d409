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

    /// <summary>A dual-stack native mesh with static endpoints and extra rules: every construct the renderer emits.</summary>
    public static FirewallPlan Everything()
    {
        FirewallSite a = new(
            "a", IPNetwork.Parse("10.1.0.0/16"),
            [
                new FirewallNode("a1", IPAddress.Parse("10.1.0.1"), IPAddress.Parse("192.0.2.1"), IsExitNode: true),
                new FirewallNode("a2", IPAddress.Parse("10.1.0.2"), IPAddress.Parse("192.0.2.2"), IsExitNode: false),
            ],
            [
                new FirewallSubnet(IPNetwork.Parse("10.1.1.0/24"), IPAddress.Parse("10.1.1.1"), true),
                new FirewallSubnet(IPNetwork.Parse("fd00:1:1::/64"), IPAddress.Parse("fd00:1:1::1"), true),
            ],
            "vnet1", IsProxmox: false);
        FirewallSite b = new(
            "b", IPNetwork.Parse("fd00:2::/48"),
            [new FirewallNode("b1", IPAddress.Parse("fd00:2::1"), IPAddress.Parse("2001:db8::2"), IsExitNode: false)],
            [new FirewallSubnet(IPNetwork.Parse("10.2.1.0/24"), null, false), new FirewallSubnet(IPNetwork.Parse("10.2.2.0/24"), null, false)],
            "vnet1", IsProxmox: false);
        return FirewallGenerator.Generate(new FirewallInputs
        {
            MeshName = "every",
            LocalSite = "a",
            LocalNode = "a1",
            WireGuardInterface = "wg-every",
            WireGuardPort = 51821,
            Sites = [a, b],
            ExtraRules =
            [
                new FirewallIntent("web", FirewallChain.Input, FirewallAction.Accept, FirewallProtocol.Tcp, PortSpec.Parse("80,443,8000:8100"), [], [], []),
                new FirewallIntent("dns from the overlay", FirewallChain.Input, FirewallAction.Accept, FirewallProtocol.Udp, PortSpec.Parse("53"),
                    [IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("fd00::/8")], [], []),
                new FirewallIntent("ping the vms", FirewallChain.Forward, FirewallAction.Accept, FirewallProtocol.Icmp, null,
                    [], [IPNetwork.Parse("10.1.1.0/24"), IPNetwork.Parse("fd00:1:1::/64")], []),
                new FirewallIntent("no telnet", FirewallChain.Forward, FirewallAction.Drop, FirewallProtocol.Tcp, PortSpec.Parse("23"), [], [], []),
                new FirewallIntent("any proto to one host", FirewallChain.Forward, FirewallAction.Accept, FirewallProtocol.Any, null,
                    [IPNetwork.Parse("10.2.1.0/24")], [IPNetwork.Parse("10.1.1.10/32")], []),
            ],
        });
    }
}
