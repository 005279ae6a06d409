using System.Text.Json;

namespace Mesh.Cli.Tests;

public sealed class FirewallCommandTests
{
    [Fact]
    public void Nft_for_a_native_node_is_the_meshd_table()
    {
        var (code, output, error) = CliRunner.Run("firewall", "show", CliRunner.Example("lab.yaml"), "--node", "wro1");

        Assert.True(code == 0, error);
        Assert.Contains("table inet meshd", output, StringComparison.Ordinal);
        Assert.Contains("4789", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Pve_format_shows_the_group_and_host_options()
    {
        var (code, output, error) = CliRunner.Run("firewall", "show", CliRunner.Example("two-sites.yaml"), "--node", "roz1", "--format", "pve");

        Assert.True(code == 0, error);
        Assert.Contains("nftables: 1", output, StringComparison.Ordinal);
        // Datacenter-level rules first (PVE refuses -i inside a security group), the GROUP rule last, then the group
        var cluster = output.IndexOf("# Datacenter > Firewall", StringComparison.Ordinal);
        var vxlan = output.IndexOf("IN ACCEPT -i wg_mesh -source 10.2.0.1 -p udp -dport 4789", StringComparison.Ordinal);
        var groupRule = output.IndexOf("\nGROUP meshd-home # ", StringComparison.Ordinal);
        var group = output.IndexOf("[group meshd-home]", StringComparison.Ordinal);
        Assert.True(cluster >= 0 && cluster < vxlan && vxlan < groupRule && groupRule < group, output);
        Assert.DoesNotContain(" -i ", output[group..], StringComparison.Ordinal);
    }

    [Fact]
    public void Pve_format_with_a_dashed_interface_keeps_bgp_vxlan_in_the_group_and_says_why()
    {
        var spec = Path.Combine(Path.GetTempPath(), $"meshctl-fw-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(spec, File.ReadAllText(CliRunner.Example("two-sites.yaml")).Replace("interface: wg_mesh", "interface: wg-mesh", StringComparison.Ordinal));
        try
        {
            var (code, output, error) = CliRunner.Run("firewall", "show", spec, "--node", "roz1", "--format", "pve");

            Assert.True(code == 0, error);
            Assert.Contains("# wg-mesh: Proxmox firewall rules cannot name interfaces with '-'", output, StringComparison.Ordinal);
            Assert.Contains("use e.g. wg_mesh", output, StringComparison.Ordinal);
            var group = output.IndexOf("[group meshd-home]", StringComparison.Ordinal);
            Assert.True(group > 0, output);
            Assert.Contains("IN ACCEPT -source 10.2.0.1 -p udp -dport 4789", output[group..], StringComparison.Ordinal);
            Assert.DoesNotContain(" -i ", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(spec);
        }
    }

    [Fact]
    public void Json_format_parses()
    {
        var (code, output, error) = CliRunner.Run("firewall", "show", CliRunner.Example("two-sites.yaml"), "--node", "wro1", "--format", "json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
    }

    [Fact]
    public void Unknown_format_is_a_usage_error()
    {
        var (code, _, error) = CliRunner.Run("firewall", "show", CliRunner.Example("two-sites.yaml"), "--node", "roz1", "--format", "iptables");

        Assert.Equal(2, code);
        Assert.Contains("iptables", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_spec_exits_1_with_the_errors()
    {
        using var dir = new CliRunner.TempDir();
        var file = dir.File("bad.yaml");
        File.WriteAllText(file, "mesh:\n  name: x\n");

        var (code, output, error) = CliRunner.Run("firewall", "show", file, "--node", "roz1");

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("is invalid", error, StringComparison.Ordinal);
    }
}
