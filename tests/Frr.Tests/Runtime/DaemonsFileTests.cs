namespace Frr.Tests;

public sealed class DaemonsFileTests
{
    private const string Stock = "# comment bgpd=no\nbgpd=no\nospfd=no\nbfdd=no\nvtysh_enable=yes\nbgpd_options=\"   -A 127.0.0.1\"\n";

    [Fact]
    public void Enables_only_the_named_daemons()
    {
        var (text, changed) = DaemonsFile.Enable(Stock, ["bgpd", "bfdd"]);
        Assert.True(changed);
        Assert.Equal("# comment bgpd=no\nbgpd=yes\nospfd=no\nbfdd=yes\nvtysh_enable=yes\nbgpd_options=\"   -A 127.0.0.1\"\n", text);
    }

    [Fact]
    public void Already_enabled_is_unchanged()
    {
        var (once, _) = DaemonsFile.Enable(Stock, ["bgpd"]);
        var (twice, changed) = DaemonsFile.Enable(once, ["bgpd"]);
        Assert.False(changed);
        Assert.Equal(once, twice);
    }

    [Fact]
    public void Missing_line_is_appended()
    {
        var (text, changed) = DaemonsFile.Enable("zebra=yes\n", ["bgpd"]);
        Assert.True(changed);
        Assert.Equal("zebra=yes\nbgpd=yes\n", text);
    }
}

public sealed class AtomicFileTests
{
    [Fact]
    public void Writes_content_with_mode_0640_and_leaves_no_temp_file()
    {
        var dir = Directory.CreateTempSubdirectory("frr-atomic-").FullName;
        try
        {
            var path = Path.Combine(dir, "frr.conf");
            File.WriteAllText(path, "old");
            AtomicFile.Write(path, "new\n");
            Assert.Equal("new\n", File.ReadAllText(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
            Assert.Equal(["frr.conf"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

public sealed class RunningConfigCheckTests
{
    private const string Wanted = """
        frr version 8.4.4
        frr defaults datacenter
        hostname a
        service integrated-vtysh-config
        !
        vrf vrf_z
         vni 1000
         ip route 10.3.0.0/16 null0
        exit-vrf
        !
        router bgp 65000
         bgp router-id 192.0.2.1
         no bgp default ipv4-unicast
         coalesce-time 1000
         neighbor VTEP peer-group
         neighbor 192.0.2.2 peer-group VTEP
         !
         address-family l2vpn evpn
          neighbor VTEP activate
          advertise-all-vni
         exit-address-family
        exit
        """;

    [Fact]
    public void Reports_only_significant_missing_lines()
    {
        const string running = """
            frr version 8.4.4
            hostname vm
            vrf vrf_z
             vni 1000
             ip route 10.3.0.0/16 blackhole
            exit-vrf
            router bgp 65000
             bgp router-id 192.0.2.1
             neighbor VTEP peer-group
             address-family l2vpn evpn
              neighbor VTEP activate
              advertise-all-vni
            """;
        Assert.Equal(["neighbor 192.0.2.2 peer-group VTEP"], RunningConfigCheck.Missing(Wanted, running));
    }

    [Fact]
    public void Identical_config_has_nothing_missing() => Assert.Empty(RunningConfigCheck.Missing(Wanted, Wanted));
}
