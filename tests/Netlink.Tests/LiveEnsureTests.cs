using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Netlink.Rtnl;
using TestSupport;

namespace Netlink.Tests;

/// <summary>Addresses, routes, FDB and the Ensure operations against the real kernel, in a throwaway namespace.</summary>
public sealed class LiveEnsureTests
{
    private static readonly LinkSpec Bridge = new("br0", new BridgeKind()) { Up = true, Mtu = 1450, Alias = "meshd" };

    private static readonly LinkSpec Vxlan = new("vx100", new VxlanKind(100) { Local = IPAddress.Parse("192.0.2.1") })
    {
        Master = "br0",
        Mtu = 1450,
        Up = true,
        Alias = "meshd",
        BridgePort = new BridgePortSettings { NeighSuppress = true, Learning = false },
    };

    [Fact]
    public void Ensuring_links_twice_changes_nothing_the_second_time()
    {
        Privileged.RequireRoot();
        using var ns = NetNs.Create("nl");
        var log = new ListLogger();
        using var rt = RtnlClient.Open(ns.Name, log);

        Assert.Equal(EnsureResult.Created, rt.EnsureLink(Bridge));
        Assert.Equal(EnsureResult.Created, rt.EnsureLink(Vxlan));
        Assert.Equal(EnsureResult.Unchanged, rt.EnsureLink(Bridge));
        Assert.Equal(EnsureResult.Unchanged, rt.EnsureLink(Vxlan));
        Assert.Equal([4101, 4101], log.Lines.Select(l => l.Id)); // nothing logged for Unchanged

        // Someone else changes the device; ensure repairs exactly that.
        ns.Ip("link", "set", "vx100", "down");
        ns.Ip("link", "set", "vx100", "mtu", "1400");
        Assert.Equal(EnsureResult.Changed, rt.EnsureLink(Vxlan));
        Assert.Contains("changed link vx100", log.Lines[^1].Message, StringComparison.Ordinal);
        Assert.Contains("Mtu = 1450", log.Lines[^1].Message, StringComparison.Ordinal);
        var vx = rt.GetLink("vx100");
        Assert.True(vx.Up);
        Assert.Equal(1450u, vx.Mtu);
        Assert.Equal(EnsureResult.Unchanged, rt.EnsureLink(Vxlan));

        // A setting that cannot change in place recreates the device (still enslaved afterwards).
        Assert.Equal(EnsureResult.Changed, rt.EnsureLink(Vxlan with { Kind = new VxlanKind(101) { Local = IPAddress.Parse("192.0.2.1") } }));
        Assert.Equal(new VxlanKind(101) { Local = IPAddress.Parse("192.0.2.1") }, rt.GetLink("vx100").Kind);
        Assert.Equal(rt.IndexOf("br0"), rt.GetLink("vx100").MasterIndex);

        // A device of another kind under our name is not ours to touch.
        ns.Ip("link", "add", "d0", "type", "veth", "peer", "name", "d1");
        var ex = Assert.Throws<AlreadyExistsException>(() => rt.EnsureLink(new LinkSpec("d0", new BridgeKind())));
        Assert.Contains("kind 'veth'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Addresses_routes_and_fdb_are_added_read_back_ensured_and_deleted()
    {
        Privileged.RequireRoot();
        using var ns = NetNs.Create("nl");
        using var rt = RtnlClient.Open(ns.Name);
        rt.EnsureLink(Bridge);
        rt.EnsureLink(Vxlan);
        var br = rt.IndexOf("br0");
        var vx = rt.IndexOf("vx100");

        // Addresses (IPv4 and IPv6), twice.
        Assert.Equal(EnsureResult.Created, rt.EnsureAddress("br0", IPAddress.Parse("10.20.0.1"), 24));
        Assert.Equal(EnsureResult.Created, rt.EnsureAddress("br0", IPAddress.Parse("fd00:20::1"), 64));
        Assert.Equal(EnsureResult.Unchanged, rt.EnsureAddress("br0", IPAddress.Parse("10.20.0.1"), 24));
        Assert.Equal(EnsureResult.Unchanged, rt.EnsureAddress("br0", IPAddress.Parse("fd00:20::1"), 64));
        Assert.Contains(new InterfaceAddress(br, IPAddress.Parse("10.20.0.1"), 24), rt.ListAddresses(AddressFamily.InterNetwork, br));
        Assert.Contains("10.20.0.1/24", ns.Ip("-4", "-o", "addr", "show", "dev", "br0"), StringComparison.Ordinal);

        // Routes with the meshd marker: unicast via gateway, device route, blackhole, IPv6.
        var viaGw = new Route(IPNetwork.Parse("10.30.0.0/16")) { Gateway = IPAddress.Parse("10.20.0.254"), Table = 100, Metric = 10 };
        var onLink = new Route(IPNetwork.Parse("10.31.0.0/16")) { OutputIndex = br, Table = 100 };
        var nullRoute = new Route(IPNetwork.Parse("203.0.113.0/24")) { Type = RouteType.Blackhole, Table = 100 };
        var v6 = new Route(IPNetwork.Parse("fd00:30::/48")) { Gateway = IPAddress.Parse("fd00:20::fe"), OutputIndex = br, Table = 100 };
        foreach (var r in new[] { viaGw, onLink, nullRoute, v6 })
        {
            Assert.Equal(EnsureResult.Created, rt.EnsureRoute(r));
        }

        foreach (var r in new[] { viaGw, onLink, nullRoute, v6 })
        {
            Assert.Equal(EnsureResult.Unchanged, rt.EnsureRoute(r));
        }

        var ours = rt.ListRoutes(table: 100, protocol: RouteProtocol.Meshd);
        Assert.Equal(4, ours.Count);
        Assert.Contains(ours, r => r.Type == RouteType.Blackhole && r.Destination == IPNetwork.Parse("203.0.113.0/24"));
        using (var doc = JsonDocument.Parse(ns.Ip("-j", "route", "show", "table", "100", "10.30.0.0/16")))
        {
            Assert.Equal("10.20.0.254", doc.RootElement[0].GetProperty("gateway").GetString());
            Assert.Equal("200", doc.RootElement[0].GetProperty("protocol").ToString());
        }

        // A different gateway for the same key is a change, not a second route.
        Assert.Equal(EnsureResult.Changed, rt.EnsureRoute(viaGw with { Gateway = IPAddress.Parse("10.20.0.253") }));
        Assert.Single(rt.ListRoutes(AddressFamily.InterNetwork, 100), r => r.Destination == viaGw.Destination);

        // SyncRoutes removes only routes carrying our marker.
        ns.Ip("route", "add", "10.99.0.0/16", "via", "10.20.0.254", "table", "100", "proto", "static");
        var sync = rt.SyncRoutes([onLink]);
        Assert.Equal(new RouteSyncResult(0, 0, 1, 3), sync);
        Assert.True(rt.SyncRoutes([onLink]).NothingChanged);
        Assert.Contains(rt.ListRoutes(AddressFamily.InterNetwork, 100), r => r.Protocol == RouteProtocol.Static);

        // FDB flood list on the VXLAN device: two remote VTEPs share the all-zero MAC.
        var vtep1 = new FdbEntry(vx, FdbEntry.ZeroMac) { Destination = IPAddress.Parse("198.51.100.1") };
        var vtep2 = vtep1 with { Destination = IPAddress.Parse("198.51.100.2") };
        Assert.Equal(EnsureResult.Created, rt.EnsureFdb(vtep1));
        Assert.Equal(EnsureResult.Created, rt.EnsureFdb(vtep2));
        Assert.Equal(EnsureResult.Unchanged, rt.EnsureFdb(vtep1));
        var flood = rt.ListFdb(vx).Where(e => e.Mac.Equals(FdbEntry.ZeroMac)).Select(e => e.Destination!.ToString()).Order().ToArray();
        Assert.Equal(["198.51.100.1", "198.51.100.2"], flood);
        Assert.Contains("dst 198.51.100.2", ns.Must("bridge", "fdb", "show", "dev", "vx100"), StringComparison.Ordinal);
        rt.DeleteFdb(vtep1);
        Assert.DoesNotContain(rt.ListFdb(vx), e => e.SameAs(vtep1));

        // Deleting.
        rt.DeleteRoute(onLink);
        rt.DeleteAddress("br0", IPAddress.Parse("10.20.0.1"), 24);
        Assert.Empty(rt.ListRoutes(table: 100, protocol: RouteProtocol.Meshd));
        Assert.DoesNotContain(rt.ListAddresses(AddressFamily.InterNetwork), a => a.Address.Equals(IPAddress.Parse("10.20.0.1")));
        rt.DeleteLink("vx100");
        Assert.Null(rt.TryGetLink("vx100"));
    }

    [Fact]
    public void Neighbours_are_set_listed_and_deleted()
    {
        Privileged.RequireRoot();
        using var ns = NetNs.Create("nl");
        using var rt = RtnlClient.Open(ns.Name);
        rt.EnsureLink(Bridge);
        var n = new Neighbour(rt.IndexOf("br0"), IPAddress.Parse("10.20.0.9")) { Mac = System.Net.NetworkInformation.PhysicalAddress.Parse("02-00-00-00-00-09") };

        rt.SetNeighbour(n);
        Assert.Contains(n, rt.ListNeighbours(n.Index));
        rt.DeleteNeighbour(n);
        Assert.DoesNotContain(rt.ListNeighbours(n.Index), x => x.Address.Equals(n.Address));
    }
}
