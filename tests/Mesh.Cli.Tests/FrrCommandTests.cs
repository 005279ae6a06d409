using TestSupport;

namespace Mesh.Cli.Tests;

public sealed class FrrCommandTests
{
    public static TheoryData<string> PveCases() => PveEvpnCases.Names();

    [Theory]
    [MemberData(nameof(PveCases))]
    public void Pve_running_config_renders_what_proxmox_renders(string caseName)
    {
        var dir = PveEvpnCases.Require(caseName);
        var expected = File.ReadAllText(Path.Combine(dir, "expected_controller_config"));

        var (code, output, error) = CliRunner.Run(
            "frr", "render", "--pve-running-config", Path.Combine(dir, "sdn_config.json"),
            "--node", "localhost", "--local-ip", PveEvpnCases.LocalIp(dir).ToString(), "--frr-version", "10.4.1");

        Assert.True(code == 0, error);
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Spec_native_node_renders_the_mesh_neighbours_and_zone()
    {
        var (code, output, error) = CliRunner.Run("frr", "render", "--spec", CliRunner.Example("lab.yaml"), "--node", "wro1");

        Assert.True(code == 0, error);
        Assert.StartsWith("frr version 8.4.4\n", output, StringComparison.Ordinal);
        Assert.Contains("hostname wro1\n", output, StringComparison.Ordinal);
        Assert.Contains(" neighbor 10.1.0.1 peer-group VTEP\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain(" neighbor 10.2.0.1 peer-group VTEP\n", output, StringComparison.Ordinal);
        Assert.Contains("router bgp 65000 vrf vrf_crossite\n", output, StringComparison.Ordinal);
        Assert.Contains("vrf vrf_crossite\n vni 99999\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_route_reflector_listens_on_the_site_ranges()
    {
        var (code, output, error) = CliRunner.Run("frr", "render", "--spec", CliRunner.Example("multi-site.yaml"), "--node", "rr1", "--frr-version", "9.1");

        Assert.True(code == 0, error);
        Assert.StartsWith("frr version 9.1\n", output, StringComparison.Ordinal);
        Assert.Contains("bgp listen range", output, StringComparison.Ordinal);
        Assert.Contains("route-reflector-client", output, StringComparison.Ordinal);
        Assert.DoesNotContain("vrf vrf_", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_proxmox_node_is_refused_with_a_pointer_to_sdn_plan()
    {
        var (code, output, error) = CliRunner.Run("frr", "render", "--spec", CliRunner.Example("two-sites.yaml"), "--node", "roz1");

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("meshctl sdn plan", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--node", "x")]
    [InlineData("--node", "x", "--spec", "a.yaml", "--pve-running-config", "b.json")]
    [InlineData("--node", "x", "--pve-running-config", "b.json")]
    [InlineData("--node", "x", "--pve-running-config", "b.json", "--local-ip", "not-an-ip")]
    public void Bad_usage_exits_2_with_a_message(params string[] options)
    {
        var (code, _, error) = CliRunner.Run(["frr", "render", .. options]);

        Assert.Equal(2, code);
        Assert.StartsWith("meshctl: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_node_in_spec_exits_2()
    {
        var (code, _, error) = CliRunner.Run("frr", "render", "--spec", CliRunner.Example("lab.yaml"), "--node", "nosuch");

        Assert.Equal(2, code);
        Assert.Contains("nosuch", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_running_config_is_reported_not_thrown()
    {
        using var dir = new CliRunner.TempDir();
        var file = dir.File("running.json");
        File.WriteAllText(file, """{"controllers":{"ids":{"c1":{"type":"nosuchtype"}}}}""");

        var (code, output, error) = CliRunner.Run("frr", "render", "--pve-running-config", file, "--node", "n1", "--local-ip", "192.0.2.1");

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("nosuchtype", error, StringComparison.Ordinal);
    }
}
