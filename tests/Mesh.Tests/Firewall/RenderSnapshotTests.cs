using Mesh.Firewall;

namespace Mesh.Tests.Firewall;

public sealed class RenderSnapshotTests
{
    [Theory]
    [InlineData("roz")]
    [InlineData("wro")]
    public void Nft_script_matches_snapshot(string site) =>
        Snapshot.Match($"{site}.nft", FirewallShow.Render(FirewallGenerator.Generate(SeedMesh.Inputs(site)), "nft"));

    [Theory]
    [InlineData("roz")]
    [InlineData("wro")]
    public void Pve_group_matches_snapshot(string site) =>
        Snapshot.Match($"{site}.pve", FirewallShow.Render(FirewallGenerator.Generate(SeedMesh.Inputs(site)), "pve"));

    [Fact]
    public void Json_matches_snapshot() =>
        Snapshot.Match("roz.json", FirewallShow.Render(FirewallGenerator.Generate(SeedMesh.Inputs("roz")), "json"));

    [Fact]
    public void Nft_script_replaces_the_table_atomically_and_touches_nothing_else()
    {
        var text = NftRenderer.Render(FirewallGenerator.Generate(SeedMesh.Inputs()));
        var lines = text.Split('\n');

        Assert.Equal("add table inet meshd", lines[1]);
        Assert.Equal("delete table inet meshd", lines[2]);
        Assert.Equal("table inet meshd {", lines[3]);
        Assert.Single(lines, l => l.StartsWith("table ", StringComparison.Ordinal));
        Assert.All(lines.Where(l => l.Contains("policy", StringComparison.Ordinal)), l => Assert.EndsWith("policy accept;", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Nft_drops_only_the_managed_ports()
    {
        var text = NftRenderer.Definition(FirewallGenerator.Generate(SeedMesh.Inputs()));
        var drops = text.Split('\n').Where(l => l.Contains(" drop ", StringComparison.Ordinal)).ToArray();

        Assert.Equal(4, drops.Length);
        Assert.All(drops, d => Assert.True(d.Contains("dport 179", StringComparison.Ordinal) || d.Contains("dport 4789", StringComparison.Ordinal), d));
    }

    [Fact]
    public void Nft_has_no_nat_chain_when_snat_is_off()
    {
        var on = NftRenderer.Definition(FirewallGenerator.Generate(SeedMesh.Inputs(snat: true)));
        var off = NftRenderer.Definition(FirewallGenerator.Generate(SeedMesh.Inputs(snat: false)));

        Assert.Contains("ip saddr 10.1.1.0/24 ip daddr != 10.1.0.0-10.2.255.255 oifname \"vmbr0\" masquerade", on, StringComparison.Ordinal);
        Assert.DoesNotContain("masquerade", off, StringComparison.Ordinal);
        Assert.DoesNotContain("postrouting", off, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_show_format_lists_the_valid_ones()
    {
        var ex = Assert.Throws<ArgumentException>(() => FirewallShow.Render(FirewallGenerator.Generate(SeedMesh.Inputs()), "iptables"));

        Assert.Contains("nft, pve, json", ex.Message, StringComparison.Ordinal);
    }
}
