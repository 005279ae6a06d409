using System.Net;
using System.Text.Json;
using TestSupport;

namespace Frr.Tests;

/// <summary>
/// Two VTEPs running the real FRR 8.4.4 in namespaces, configured only through EvpnConfigBuilder and
/// FrrApplier: the l2vpn evpn session comes up, type-3/type-2 routes flow, zebra installs the VXLAN
/// flood entries, hosts behind the bridges ping each other, and a reload adding a neighbour does not
/// reset the existing session. L2VNI in the default VRF (this kernel has no VRF).
/// </summary>
public sealed class EvpnLiveTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_vteps_exchange_evpn_routes_and_hosts_ping_across_vxlan()
    {
        Privileged.RequireRoot();
        Privileged.RequireTools("vtysh", "zebra", "bgpd", "frr-reload.py");
        var ct = TestContext.Current.CancellationToken;
        using var a = NetNs.Create("frr");
        using var b = NetNs.Create("frr");
        using var ha = NetNs.Create("frr");
        using var hb = NetNs.Create("frr");
        NetNs.Veth(a, "u0", b, "u0");
        a.Ip("addr", "add", "192.0.2.1/24", "dev", "u0");
        b.Ip("addr", "add", "192.0.2.2/24", "dev", "u0");
        Vtep(a, ha, "192.0.2.1", "10.10.0.1/24");
        Vtep(b, hb, "192.0.2.2", "10.10.0.2/24");
        using var fa = new FrrNode(a);
        using var fb = new FrrNode(b);
        var version = await new VtyshClient(fa.Instance).GetInstalledVersionAsync(ct);

        // first apply: bgpd is off in the stock daemons file, so only a restart can start it, and the result says so
        var ra = await new FrrApplier(fa.Instance).ApplyAsync(EvpnConfigBuilder.Build(Node(version, "a", "192.0.2.1", "192.0.2.2")), ct);
        var rb = await new FrrApplier(fb.Instance).ApplyAsync(EvpnConfigBuilder.Build(Node(version, "b", "192.0.2.2", "192.0.2.1")), ct);
        foreach (var r in new[] { ra, rb })
        {
            Assert.True(r.ConfigChanged);
            Assert.Equal(["bgpd"], r.DaemonsEnabled);
            Assert.True(r.Restarted);
            Assert.Contains("bgpd", r.RestartReason, StringComparison.Ordinal);
            Assert.True(r.Verified, "missing: " + string.Join(" | ", r.MissingLines));
        }

        Assert.Contains("\nbgpd=yes\n", File.ReadAllText(Path.Combine(fa.ConfDir, "daemons")), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(fa.Instance.ConfigPath));

        var status = new FrrStatus(fa.Instance);
        var summary = await Poll.UntilAsync(() => status.GetSummaryAsync(ct),
            s => s.Peers.Any(p => p.Address == "192.0.2.2" && p.IsEstablished), Limit, "l2vpn evpn session a-b");

        // the flood entry for VNI 100 comes from the type-3 route via zebra, not from this test
        var vnis = await Poll.UntilAsync(() => status.GetVnisAsync(ct), v => v.Any(x => x.Vni == 100 && x.RemoteVtepCount == 1), Limit, "remote VTEP of VNI 100");
        Assert.Equal(new EvpnVniStatus(100, "L2", "vxlan100", 1, "default", ["192.0.2.2"]), Assert.Single(vnis));
        Assert.Contains("00:00:00:00:00:00 dst 192.0.2.2", a.Must("bridge", "fdb", "show", "dev", "vxlan100"), StringComparison.Ordinal);

        await Poll.UntilAsync(() => Task.FromResult(ha.Exec("ping", ["-c", "1", "-W", "1", "10.10.0.2"]).ExitCode), c => c == 0, Limit, "ping 10.10.0.1 -> 10.10.0.2 over VXLAN");
        var routes = await Poll.UntilAsync(() => status.GetRoutesAsync(ct),
            r => r.Sum(x => x.Type3) >= 2 && r.Sum(x => x.Type2) >= 2, Limit, "type-2 and type-3 routes from both VTEPs");
        Assert.Contains(routes, r => r.RouteDistinguisher.StartsWith("192.0.2.2:", StringComparison.Ordinal) && r.Type3 == 1 && r.Type2 >= 1);

        // the records agree with what vtysh itself prints
        summary = await status.GetSummaryAsync(ct);
        using (var raw = JsonDocument.Parse(fa.Vtysh("show bgp l2vpn evpn summary json")))
        {
            var peer = raw.RootElement.GetProperty("peers").GetProperty("192.0.2.2");
            var rec = summary.Peers.Single(p => p.Address == "192.0.2.2");
            Assert.Equal(peer.GetProperty("state").GetString(), rec.State);
            Assert.Equal(peer.GetProperty("pfxRcd").GetInt64(), rec.PrefixesReceived);
            Assert.Equal(peer.GetProperty("connectionsEstablished").GetInt32(), rec.ConnectionsEstablished);
            Assert.Equal(raw.RootElement.GetProperty("routerId").GetString(), summary.RouterId);
        }

        // a third neighbour is added by reload: no restart, the existing session is not reset
        var zebraPid = fa.Pid("zebra");
        var third = await new FrrApplier(fa.Instance).ApplyAsync(EvpnConfigBuilder.Build(Node(version, "a", "192.0.2.1", "192.0.2.2", "192.0.2.9")), ct);
        Assert.True(third.Reloaded);
        Assert.False(third.Restarted);
        Assert.Empty(third.DaemonsEnabled);
        Assert.True(third.Verified, "missing: " + string.Join(" | ", third.MissingLines));
        Assert.Equal(zebraPid, fa.Pid("zebra"));
        var after = await status.GetSummaryAsync(ct);
        var first = after.Peers.Single(p => p.Address == "192.0.2.2");
        Assert.True(first.IsEstablished);
        Assert.Equal(1, first.ConnectionsEstablished);
        Assert.Contains(after.Peers, p => p.Address == "192.0.2.9" && !p.IsEstablished);

        // applying the same configuration again changes nothing
        var again = await new FrrApplier(fa.Instance).ApplyAsync(EvpnConfigBuilder.Build(Node(version, "a", "192.0.2.1", "192.0.2.2", "192.0.2.9")), ct);
        Assert.Equal(new FrrApplyResult(false, [], false, false, null, []), again);

        // removing it again is also a reload that leaves the a-b session alone
        var removed = await new FrrApplier(fa.Instance).ApplyAsync(EvpnConfigBuilder.Build(Node(version, "a", "192.0.2.1", "192.0.2.2")), ct);
        Assert.True(removed.Reloaded && removed.Verified && !removed.Restarted);
        var final = await status.GetSummaryAsync(ct);
        Assert.Equal(["192.0.2.2"], final.Peers.Select(p => p.Address));
        Assert.Equal(1, final.Peers[0].ConnectionsEstablished);
        Assert.True(final.Peers[0].IsEstablished);
    }

    private static EvpnNodeConfig Node(string version, string name, string local, params string[] peers) => new()
    {
        Hostname = name,
        FrrVersion = version,
        Asn = 65000,
        RouterId = IPAddress.Parse(local),
        LocalVtep = IPAddress.Parse(local),
        Peers = peers.Select(IPAddress.Parse).ToValueList(),
        L2Vnis = [100],
    };

    /// <summary>Bridge br100 with vxlan100 (VNI 100, no learning: EVPN fills the FDB) and a host namespace behind it.</summary>
    private static void Vtep(NetNs vtep, NetNs host, string local, string hostAddress)
    {
        vtep.Ip("link", "add", "br100", "type", "bridge");
        vtep.Ip("link", "set", "br100", "up");
        vtep.Ip("link", "add", "vxlan100", "type", "vxlan", "id", "100", "local", local, "dstport", "4789", "nolearning");
        vtep.Ip("link", "set", "vxlan100", "master", "br100");
        vtep.Ip("link", "set", "vxlan100", "up");
        NetNs.Veth(vtep, "h0", host, "eth0");
        vtep.Ip("link", "set", "h0", "master", "br100");
        host.Ip("addr", "add", hostAddress, "dev", "eth0");
    }
}
