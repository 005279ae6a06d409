using System.Net;

namespace Frr.Tests;

/// <summary>FrrApplier against fake vtysh / frr-reload.py / restart scripts in a temp config dir (no root needed).</summary>
public sealed class FrrApplierTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("frr-apply-").FullName;

    public FrrApplierTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "conf", "t"));
        File.WriteAllText(Path.Combine(_root, "conf", "t", "daemons"), "zebra=yes\nbgpd=yes\nbfdd=no\nvtysh_enable=yes\n");
        // vtysh "show running-config" prints the file as FRR would have loaded it
        Script("vtysh", $"echo \"$*\" >> '{_root}/vtysh.log'\ncat '{_root}/conf/t/frr.conf'");
        Script("restart", $"echo restarted >> '{_root}/restart.log'");
    }

    private FrrInstance Instance => new()
    {
        Pathspace = "t",
        ConfDir = Path.Combine(_root, "conf"),
        Vtysh = Path.Combine(_root, "vtysh"),
        ReloadScript = Path.Combine(_root, "reload"),
        RestartCommand = [Path.Combine(_root, "restart")],
        CommandTimeout = TimeSpan.FromSeconds(10),
    };

    private static FrrConfig Config(bool bfd = false) => EvpnConfigBuilder.Build(new EvpnNodeConfig
    {
        Hostname = "n1",
        FrrVersion = "8.4.4",
        Asn = 65000,
        RouterId = IPAddress.Parse("192.0.2.1"),
        LocalVtep = IPAddress.Parse("192.0.2.1"),
        Peers = [IPAddress.Parse("192.0.2.2")],
        Bfd = bfd,
    });

    private string Log(string name) => File.Exists(Path.Combine(_root, name)) ? File.ReadAllText(Path.Combine(_root, name)) : string.Empty;

    [Fact]
    public async Task Reload_applies_change_with_pathspace_and_confdir()
    {
        Script("reload", $"echo \"$*\" >> '{_root}/reload.log'");
        var r = await new FrrApplier(Instance).ApplyAsync(Config(), TestContext.Current.CancellationToken);

        Assert.Equal(new FrrApplyResult(true, [], true, false, null, []), r);
        Assert.Equal($"--reload --stdout -N t --confdir {_root}/conf {_root}/conf/t/frr.conf\n", Log("reload.log"));
        Assert.Equal(string.Empty, Log("restart.log"));
        Assert.Equal(FrrRenderer.Render(Config()), File.ReadAllText(Instance.AppliedPath));
    }

    [Fact]
    public async Task Enabling_bfdd_needs_a_restart_and_says_so()
    {
        Script("reload", "exit 0");
        var r = await new FrrApplier(Instance).ApplyAsync(Config(bfd: true), TestContext.Current.CancellationToken);

        Assert.True(r.Restarted);
        Assert.False(r.Reloaded);
        Assert.Equal(["bfdd"], r.DaemonsEnabled);
        Assert.Contains("bfdd", r.RestartReason, StringComparison.Ordinal);
        Assert.Equal("restarted\n", Log("restart.log"));
        Assert.Equal("zebra=yes\nbgpd=yes\nbfdd=yes\nvtysh_enable=yes\n", File.ReadAllText(Instance.DaemonsPath));
    }

    [Fact]
    public async Task Failed_reload_falls_back_to_restart()
    {
        Script("reload", "echo 'vtysh -c \"write\" failed' >&2; exit 1");
        var r = await new FrrApplier(Instance).ApplyAsync(Config(), TestContext.Current.CancellationToken);

        Assert.True(r.Restarted);
        Assert.StartsWith("frr-reload.py exited 1", r.RestartReason, StringComparison.Ordinal);
        Assert.True(r.Verified);
    }

    [Fact]
    public async Task Rejected_configuration_is_an_error_not_a_restart()
    {
        Script("reload", "echo 'vtysh failed to process new configuration: line 7' ; exit 1");
        var e = await Assert.ThrowsAsync<FrrException>(() => new FrrApplier(Instance).ApplyAsync(Config(), TestContext.Current.CancellationToken));
        Assert.Equal(FrrErrorReason.InvalidConfig, e.Reason);
        Assert.Equal(string.Empty, Log("restart.log"));
    }

    [Fact]
    public async Task Unchanged_and_running_does_nothing()
    {
        Script("reload", $"echo reload >> '{_root}/reload.log'");
        await new FrrApplier(Instance).ApplyAsync(Config(), TestContext.Current.CancellationToken);
        var again = await new FrrApplier(Instance).ApplyAsync(Config(), TestContext.Current.CancellationToken);

        Assert.Equal(new FrrApplyResult(false, [], false, false, null, []), again);
        Assert.Equal("reload\n", Log("reload.log"));
    }

    [Fact]
    public async Task Config_without_integrated_vtysh_and_missing_daemons_file_are_clear_errors()
    {
        var e1 = await Assert.ThrowsAsync<FrrException>(() => new FrrApplier(Instance).ApplyAsync("router bgp 1\n", ["bgpd"], TestContext.Current.CancellationToken));
        Assert.Contains("service integrated-vtysh-config", e1.Message, StringComparison.Ordinal);

        File.Delete(Instance.DaemonsPath);
        var e2 = await Assert.ThrowsAsync<FrrException>(() => new FrrApplier(Instance).ApplyAsync(Config(), TestContext.Current.CancellationToken));
        Assert.Equal(FrrErrorReason.ToolMissing, e2.Reason);
        Assert.Contains(Instance.DaemonsPath, e2.Message, StringComparison.Ordinal);
    }

    private void Script(string name, string body)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
