using System.Text.Json;

namespace Mesh.Cli.Tests;

public sealed class SdnCommandTests
{
    [Fact]
    public void Two_sites_roz_plans_the_seed_objects_against_an_empty_cluster()
    {
        var (code, output, error) = CliRunner.Run("sdn", "plan", CliRunner.Example("two-sites.yaml"), "--site", "roz", "--pve-version", "8.4");

        Assert.True(code == 0, error);
        var writes = output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("POST ", StringComparison.Ordinal) || l.StartsWith("PUT ", StringComparison.Ordinal)).ToList();
        Assert.Equal("POST /cluster/sdn/controllers controller=evpnctl type=evpn asn=65000 peers=10.1.0.1,10.2.0.1", writes[0]);
        Assert.StartsWith("POST /cluster/sdn/zones zone=crossite type=evpn controller=evpnctl vrf-vxlan=99999 exitnodes=roz1 exitnodes-local-routing=0 ", writes[1], StringComparison.Ordinal);
        Assert.Contains(" mtu=1390 ", writes[1], StringComparison.Ordinal);
        Assert.StartsWith("POST /cluster/sdn/vnets vnet=crossvnt zone=crossite tag=100000", writes[2], StringComparison.Ordinal);
        Assert.Equal("POST /cluster/sdn/vnets/crossvnt/subnets subnet=10.1.1.0/24 type=subnet gateway=10.1.1.1 snat=1", writes[3]);
        Assert.Equal("PUT /cluster/sdn", writes[4]);
        Assert.StartsWith("POST /cluster/firewall/groups group=meshd-home comment=\"[meshd] ", writes[5], StringComparison.Ordinal);
        Assert.Contains(writes.Skip(6), w => w.Contains("source=10.2.0.1 proto=udp dport=4789", StringComparison.Ordinal));
        Assert.DoesNotContain("lock", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Pve9_plan_writes_under_the_lock()
    {
        var (code, output, error) = CliRunner.Run("sdn", "plan", CliRunner.Example("two-sites.yaml"), "--site", "wro");

        Assert.True(code == 0, error);
        Assert.Contains("  POST /cluster/sdn/lock\n", output, StringComparison.Ordinal);
        Assert.Contains("  PUT /cluster/sdn lock-token=<token> release-lock=1\n", output, StringComparison.Ordinal);
        Assert.Contains("subnet=10.2.1.0/24 type=subnet gateway=10.2.1.1 snat=1 lock-token=<token>", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_holds_desired_state_and_writes()
    {
        var (code, output, error) = CliRunner.Run("sdn", "plan", CliRunner.Example("two-sites.yaml"), "--site", "roz", "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("roz1", root.GetProperty("writer").GetString());
        var desired = root.GetProperty("desired");
        Assert.Equal("evpnctl", desired.GetProperty("controller").GetProperty("id").GetString());
        var zone = desired.GetProperty("zones")[0];
        Assert.Equal(99999, zone.GetProperty("vrfVxlan").GetInt32());
        Assert.Equal(1390, zone.GetProperty("mtu").GetInt32());
        Assert.False(zone.GetProperty("exitNodesLocalRouting").GetBoolean());
        Assert.Equal(100000, desired.GetProperty("vnets")[0].GetProperty("tag").GetInt32());
        var subnet = desired.GetProperty("subnets")[0];
        Assert.True(subnet.GetProperty("snat").GetBoolean());
        Assert.Equal("10.1.1.1", subnet.GetProperty("gateway").GetString());
        Assert.Equal("meshd-home", desired.GetProperty("firewallGroups")[0].GetProperty("name").GetString());
        Assert.True(root.GetProperty("writes").GetArrayLength() > 5);
    }

    [Fact]
    public void Multi_site_writer_is_the_first_proxmox_node()
    {
        var (code, output, error) = CliRunner.Run("sdn", "plan", CliRunner.Example("multi-site.yaml"), "--site", "roz");

        Assert.True(code == 0, error);
        Assert.StartsWith("site roz: Proxmox SDN objects (written by pve1)\n", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nosuch")]
    [InlineData("office")]
    public void Site_without_proxmox_is_a_usage_error_listing_the_proxmox_sites(string site)
    {
        var (code, _, error) = CliRunner.Run("sdn", "plan", CliRunner.Example("multi-site.yaml"), "--site", site);

        Assert.Equal(2, code);
        Assert.Contains("Proxmox sites: roz, wro", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Api_mode_refuses_a_world_readable_token_without_printing_it()
    {
        using var dir = new CliRunner.TempDir();
        var token = dir.File("roz.token");
        File.WriteAllText(token, "meshd@pve!sync=s3cr3t-value-0000");
        File.SetUnixFileMode(token, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var spec = File.ReadAllText(CliRunner.Example("two-sites.yaml")).Replace("/etc/meshd/roz.token", token, StringComparison.Ordinal);
        var file = dir.File("mesh.yaml");
        File.WriteAllText(file, spec);

        var (code, output, error) = CliRunner.Run("sdn", "plan", file, "--site", "roz", "--api");

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("chmod 600", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error, StringComparison.Ordinal);
    }
}
