using System.Net;
using Netlink.Rtnl;
using TestSupport;

namespace Netlink.Tests;

/// <summary>The monitor reports changes made by someone else (here: iproute2).</summary>
public sealed class LiveMonitorTests
{
    [Fact]
    public async Task Monitor_sees_an_external_link_down_address_and_route()
    {
        Privileged.RequireRoot();
        using var ns = NetNs.Create("nl");
        using var rt = RtnlClient.Open(ns.Name);
        rt.EnsureLink(new LinkSpec("br0", new BridgeKind()) { Up = true });
        using var monitor = NetlinkMonitor.Start(MonitorGroups.All, ns.Name);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        ns.Ip("link", "set", "br0", "down");
        var down = await Next<LinkEvent>(monitor, e => e.Link is { Name: "br0", Up: false }, timeout.Token);
        Assert.False(down.Removed);

        ns.Ip("addr", "add", "10.40.0.1/24", "dev", "br0");
        var addr = await Next<AddressEvent>(monitor, e => e.Address.Address.Equals(IPAddress.Parse("10.40.0.1")), timeout.Token);
        Assert.Equal(24, addr.Address.PrefixLength);

        ns.Ip("route", "add", "blackhole", "198.51.100.0/24", "proto", "200");
        var route = await Next<RouteEvent>(monitor, e => e.Route.Destination == IPNetwork.Parse("198.51.100.0/24"), timeout.Token);
        Assert.Equal(RouteType.Blackhole, route.Route.Type);
        Assert.Equal(RouteProtocol.Meshd, route.Route.Protocol);

        ns.Ip("link", "del", "br0");
        Assert.True((await Next<LinkEvent>(monitor, e => e.Removed && e.Link.Name == "br0", timeout.Token)).Removed);
    }

    private static async Task<T> Next<T>(NetlinkMonitor monitor, Func<T, bool> match, CancellationToken ct)
        where T : NetlinkEvent
    {
        await foreach (var e in monitor.ReadAllAsync(ct))
        {
            if (e is T t && match(t))
            {
                return t;
            }
        }

        throw new InvalidOperationException("monitor ended before the expected event");
    }
}
