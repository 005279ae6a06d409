using System.Net;
using System.Text.Json;
using Netlink;
using Netlink.Rtnl;
using TestSupport;

namespace Netlink.Tests;

public sealed class LiveLinkTests
{
    [Fact]
    public void Vxlan_bridge_veth_are_created_enslaved_and_read_back()
    {
        Privileged.RequireRoot();
        using var ns = NetNs.Create("nl");
        using var rt = RtnlClient.Open(ns.Name);

        rt.CreateLink(new LinkSpec("br0", new BridgeKind()) { Up = true, Mtu = 1450 });
        rt.CreateLink(new LinkSpec("vx100", new VxlanKind(100) { Local = IPAddress.Parse("192.0.2.1"), Ttl = 64 })
        {
            Master = "br0",
            Mtu = 1450,
            Up = true,
            Alias = "meshd:vni100",
            BridgePort = new BridgePortSettings { NeighSuppress = true, Learning = false },
        });
        rt.CreateLink(new LinkSpec("ve0", new VethKind("ve1")) { Master = "br0" });

        var vx = rt.GetLink("vx100");
        Assert.Equal(new VxlanKind(100) { Local = IPAddress.Parse("192.0.2.1"), Ttl = 64 }, vx.Kind);
        Assert.Equal(1450u, vx.Mtu);
        Assert.True(vx.Up);
        Assert.Equal("meshd:vni100", vx.Alias);
        Assert.Equal(rt.IndexOf("br0"), vx.MasterIndex);
        Assert.Equal(new BridgePortSettings { NeighSuppress = true, Learning = false }, vx.BridgePort);

        // Cross-check with iproute2's own view.
        using var doc = JsonDocument.Parse(ns.Ip("-d", "-j", "link", "show", "vx100"));
        var info = doc.RootElement[0].GetProperty("linkinfo");
        Assert.Equal(100, info.GetProperty("info_data").GetProperty("id").GetInt32());
        Assert.Equal("192.0.2.1", info.GetProperty("info_data").GetProperty("local").GetString());
        Assert.False(info.GetProperty("info_data").GetProperty("learning").GetBoolean());
        Assert.True(info.GetProperty("info_slave_data").GetProperty("neigh_suppress").GetBoolean());

        var links = rt.ListLinks();
        Assert.Contains(links, l => l is { Name: "ve0", Kind: VethKind { PeerName: "ve1" } });
        Assert.Contains(links, l => l is { Name: "br0", Kind: BridgeKind });

        rt.DeleteLink("ve0");
        Assert.Null(rt.TryGetLink("ve1"));
        Assert.Throws<NoSuchDeviceException>(() => rt.DeleteLink("ve0"));
    }

    [Fact]
    public void Master_alias_and_state_can_be_cleared_again()
    {
        Privileged.RequireRoot();
        using var ns = NetNs.Create("nl");
        using var rt = RtnlClient.Open(ns.Name);
        rt.CreateLink(new LinkSpec("br0", new BridgeKind()));
        rt.CreateLink(new LinkSpec("ve0", new VethKind("ve1")) { Master = "br0", Alias = "meshd", Up = true });

        rt.SetMaster("ve0", null);
        rt.SetAlias("ve0", null);
        rt.SetUp("ve0", false);
        rt.SetMtu("ve0", 1300);

        var ve0 = rt.GetLink("ve0");
        Assert.Null(ve0.MasterIndex);
        Assert.Null(ve0.Alias);
        Assert.False(ve0.Up);
        Assert.Equal(1300u, ve0.Mtu);
        Assert.DoesNotContain("master", ns.Ip("-o", "link", "show", "ve0"), StringComparison.Ordinal);

        // Ensure with Master = "" (explicitly no master) is satisfied now; re-enslaving is a change.
        var spec = new LinkSpec("ve0", new VethKind("ve1")) { Master = string.Empty, Mtu = 1300 };
        Assert.Equal(EnsureResult.Unchanged, rt.EnsureLink(spec));
        Assert.Equal(EnsureResult.Changed, rt.EnsureLink(spec with { Master = "br0" }));
        Assert.Equal(rt.IndexOf("br0"), rt.GetLink("ve0").MasterIndex);
    }
}
