using System.Text.Json;

namespace Mesh.Cli.Tests;

public sealed class PlanCommandTests
{
    [Fact]
    public void Json_plan_of_roz1_has_the_acceptance_figures()
    {
        var (code, output, error) = CliRunner.Run("plan", CliRunner.Example("two-sites.yaml"), "--node", "roz1", "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(1440, root.GetProperty("mtu").GetProperty("wireGuardMtu").GetInt32());
        Assert.Equal(1390, root.GetProperty("mtu").GetProperty("overlayMtu").GetInt32());
        Assert.Equal("ipv4", root.GetProperty("mtu").GetProperty("outerFamily").GetString());
        var peer = Assert.Single(root.GetProperty("wireGuard").GetProperty("peers").EnumerateArray().ToList());
        Assert.Equal("wro", peer.GetProperty("site").GetString());
        Assert.Equal(["10.1.0.1", "10.2.0.1"], root.GetProperty("sdn").GetProperty("controller").GetProperty("peers").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("proxmox", root.GetProperty("role").GetString());
    }

    [Fact]
    public void Json_output_is_byte_identical_across_runs()
    {
        var first = CliRunner.Run("plan", CliRunner.Example("multi-site.yaml"), "--node", "gw1", "--json").Out;
        var second = CliRunner.Run("plan", CliRunner.Example("multi-site.yaml"), "--node", "gw1", "--json").Out;

        Assert.Equal(first, second);
        Assert.EndsWith("}\n", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_plan_shows_the_sections()
    {
        var (code, output, _) = CliRunner.Run("plan", CliRunner.Example("lab.yaml"), "--node", "wro1");

        Assert.Equal(0, code);
        Assert.StartsWith("node wro1 (site wro, role native, dataplane userspace)", output, StringComparison.Ordinal);
        foreach (var section in new[] { "\nwireguard wg_mesh\n", "\nmtu\n", "\nevpn\n", "\nlinks\n", "\nsysctls\n" })
        {
            Assert.Contains(section, output, StringComparison.Ordinal);
        }

        Assert.Matches(@"\n +endpoint +roz\.lab\.example\.net:51820\n", output);
        Assert.Contains("vxlan_crossvnt", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_node_exits_2_naming_the_known_ones()
    {
        var (code, _, error) = CliRunner.Run("plan", CliRunner.Example("two-sites.yaml"), "--node", "nope");

        Assert.Equal(2, code);
        Assert.Contains("known nodes: roz1, wro1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_spec_exits_1_with_the_errors()
    {
        using var dir = new CliRunner.TempDir();
        var file = dir.File("bad.yaml");
        File.WriteAllText(file, File.ReadAllText(CliRunner.Example("two-sites.yaml")).Replace("vrf-vni: 99999", "vrf-vni: 100000", StringComparison.Ordinal));

        var (code, output, error) = CliRunner.Run("plan", file, "--node", "roz1");

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("overlay.vnet.vni", error, StringComparison.Ordinal);
    }
}
