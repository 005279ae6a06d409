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
        Assert.Contains("[group meshd-home]", output, StringComparison.Ordinal);
        Assert.Contains("IN ACCEPT -i wg_mesh -source 10.2.0.1 -p udp -dport 4789", output, StringComparison.Ordinal);
        Assert.Contains("nftables: 1", output, StringComparison.Ordinal);
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
