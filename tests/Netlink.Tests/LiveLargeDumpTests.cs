using System.Diagnostics;
using System.Net;
using System.Text;
using Netlink.Rtnl;
using TestSupport;

namespace Netlink.Tests;

/// <summary>Done-when item: dumps of 1,000 links and 10,000 routes parse completely (multipart, many datagrams).</summary>
public sealed class LiveLargeDumpTests(ITestOutputHelper output)
{
    [Fact]
    public void Dump_of_1000_links_and_10000_routes_parses_correctly()
    {
        Privileged.RequireRoot();
        using var ns = NetNs.Create("nl");
        var batch = new StringBuilder();
        for (var i = 0; i < 500; i++)
        {
            batch.Append(CultureInfo($"link add va{i} type veth peer name vb{i}\n"));
        }

        batch.Append("link add big0 type bridge\nlink set big0 up\n");
        for (var i = 0; i < 10_000; i++)
        {
            var prefix = $"10.{100 + (i >> 8)}.{i & 0xff}.0/24";
            batch.Append(i % 2 == 0
                ? $"route add {prefix} dev big0 table 100 proto 200\n"
                : $"route add blackhole {prefix} table 100 proto 200 metric 7\n");
        }

        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, batch.ToString());
            Sh.Run("ip", ["-n", ns.Name, "-batch", file], TimeSpan.FromSeconds(120)).EnsureSuccess("ip -batch");
        }
        finally
        {
            File.Delete(file);
        }

        using var rt = RtnlClient.Open(ns.Name);
        var sw = Stopwatch.StartNew();
        var links = rt.ListLinks();
        var linkTime = sw.Elapsed;
        sw.Restart();
        var routes = rt.ListRoutes(System.Net.Sockets.AddressFamily.InterNetwork, table: 100);
        var routeTime = sw.Elapsed;
        output.WriteLine($"dump: {links.Count} links in {linkTime.TotalMilliseconds:0.0} ms, {routes.Count} routes in {routeTime.TotalMilliseconds:0.0} ms (informational, not asserted)");

        Assert.Equal(1002, links.Count); // lo + big0 + 500 veth pairs
        Assert.Equal(500, links.Count(l => l.Kind is VethKind { PeerName: var p } && p.StartsWith("vb", StringComparison.Ordinal) && l.Name.StartsWith("va", StringComparison.Ordinal)));
        Assert.Equal(10_000, routes.Count);
        Assert.Equal(5_000, routes.Count(r => r.Type == RouteType.Blackhole && r.Metric == 7));
        Assert.All(routes, r => Assert.Equal(RouteProtocol.Meshd, r.Protocol));
        Assert.Equal(10_000, routes.Select(r => r.Destination).Distinct().Count());
        Assert.Contains(routes, r => r.Destination == IPNetwork.Parse("10.139.15.0/24"));
    }

    private static string CultureInfo(FormattableString s) => FormattableString.Invariant(s);
}
