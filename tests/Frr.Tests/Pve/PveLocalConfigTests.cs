namespace Frr.Tests;

public sealed class PveLocalConfigTests
{
    private static readonly PveLocalAdditions Additions = new(
        65000,
        EvpnNodeConfig.WanTimers,
        [new NeighborGroup { Name = "MESHRR", RemoteAs = "65000", Timers = EvpnNodeConfig.WanTimers, Ips = ["10.99.0.1"] }],
        [new AddressFamilyNeighbor("MESHRR", RouteMapIn: "MAP_VTEP_IN", RouteMapOut: "MAP_VTEP_OUT")]);

    [Fact]
    public void Renders_router_lines_proxmox_merges()
    {
        Assert.Equal("""
            ! BEGIN meshd (managed by meshd, edits inside are overwritten)
            router bgp 65000
             neighbor VTEP timers 10 30
             neighbor VTEP timers connect 10
             neighbor MESHRR peer-group
             neighbor MESHRR remote-as 65000
             neighbor MESHRR timers 10 30
             neighbor MESHRR timers connect 10
             neighbor 10.99.0.1 peer-group MESHRR
             address-family l2vpn evpn
              neighbor MESHRR activate
              neighbor MESHRR route-map MAP_VTEP_IN in
              neighbor MESHRR route-map MAP_VTEP_OUT out
             exit-address-family
            exit
            ! END meshd

            """.Replace("\r", "", StringComparison.Ordinal), PveLocalConfig.RenderBlock(Additions));
    }

    [Fact]
    public void Merge_keeps_user_lines_and_replaces_only_its_block()
    {
        const string user = "ip prefix-list mine seq 5 permit 10.0.0.0/8\n";
        var first = PveLocalConfig.Merge(user, PveLocalConfig.RenderBlock(Additions));
        Assert.StartsWith(user, first, StringComparison.Ordinal);
        var changed = PveLocalConfig.Merge(first + "ip prefix-list mine seq 6 permit 192.168.0.0/16\n", PveLocalConfig.RenderBlock(Additions with { VtepTimers = null }));
        Assert.Contains("seq 6", changed, StringComparison.Ordinal);
        Assert.Contains("seq 5", changed, StringComparison.Ordinal);
        Assert.DoesNotContain("neighbor VTEP timers", changed, StringComparison.Ordinal);
        Assert.Single(changed.Split('\n'), l => l == PveLocalConfig.BeginMarker);
        Assert.Equal(first, PveLocalConfig.Merge(first, PveLocalConfig.RenderBlock(Additions)));
        Assert.Equal(user, PveLocalConfig.Merge(first, PveLocalConfig.RenderBlock(new PveLocalAdditions(65000))));
    }

    [Fact]
    public async Task Write_is_atomic_and_idempotent_and_refuses_frr_conf()
    {
        var dir = Directory.CreateTempSubdirectory("frr-local-").FullName;
        try
        {
            var path = Path.Combine(dir, "frr.conf.local");
            var ct = TestContext.Current.CancellationToken;
            Assert.True(await PveLocalConfig.WriteAsync(Additions, path, ct));
            Assert.False(await PveLocalConfig.WriteAsync(Additions, path, ct));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
            var e = await Assert.ThrowsAsync<FrrException>(() => PveLocalConfig.WriteAsync(Additions, Path.Combine(dir, "frr.conf"), ct));
            Assert.Contains("frr.conf.local", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
