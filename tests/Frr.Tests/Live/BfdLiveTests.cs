using System.Net;
using System.Text.Json;
using TestSupport;

namespace Frr.Tests;

/// <summary>With Bfd on both ends the applier enables bfdd (a restart, reported), and the BFD session comes up.</summary>
public sealed class BfdLiveTests
{
    [Fact]
    public async Task Bfd_on_both_ends_starts_bfdd_and_the_session_comes_up()
    {
        Privileged.RequireRoot();
        Privileged.RequireTools("vtysh", "zebra", "bgpd", "bfdd", "frr-reload.py");
        var ct = TestContext.Current.CancellationToken;
        using var a = NetNs.Create("frr");
        using var b = NetNs.Create("frr");
        NetNs.Veth(a, "u0", b, "u0");
        a.Ip("addr", "add", "198.51.100.1/24", "dev", "u0");
        b.Ip("addr", "add", "198.51.100.2/24", "dev", "u0");
        using var fa = new FrrNode(a);
        using var fb = new FrrNode(b);

        foreach (var (node, local, peer) in new[] { (fa, "198.51.100.1", "198.51.100.2"), (fb, "198.51.100.2", "198.51.100.1") })
        {
            var config = EvpnConfigBuilder.Build(new EvpnNodeConfig
            {
                Hostname = node.Name,
                FrrVersion = "8.4.4",
                Asn = 65001,
                RouterId = IPAddress.Parse(local),
                LocalVtep = IPAddress.Parse(local),
                Peers = [IPAddress.Parse(peer)],
                Bfd = true,
                BfdProfile = new BfdProfile("wan", 3, 300, 300),
            });
            var result = (await new FrrApplier(node.Instance).ApplyAsync(config, ct)).EnsureVerified();
            Assert.Equal(["bfdd", "bgpd"], result.DaemonsEnabled);
            Assert.True(result.Restarted);
        }

        await Poll.UntilAsync(() => Task.FromResult(BfdStatus(fa, "198.51.100.2")), s => s == "up", TimeSpan.FromSeconds(60), "BFD session a-b");
        var summary = await Poll.UntilAsync(() => new FrrStatus(fa.Instance).GetSummaryAsync(ct),
            s => s.Peers.Any(p => p.IsEstablished), TimeSpan.FromSeconds(60), "l2vpn evpn session a-b");
        Assert.Equal("198.51.100.2", Assert.Single(summary.Peers).Address);
    }

    private static string BfdStatus(FrrNode node, string peer)
    {
        using var doc = JsonDocument.Parse(node.Vtysh("show bfd peers json"));
        return doc.RootElement.EnumerateArray()
            .Where(p => p.TryGetProperty("peer", out var addr) && addr.GetString() == peer)
            .Select(p => p.GetProperty("status").GetString() ?? string.Empty)
            .FirstOrDefault() ?? "absent";
    }
}
