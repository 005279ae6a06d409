using Mesh.Control;
using Mesh.Daemon.Subsystems;

namespace Mesh.Daemon.Tests.Subsystems;

public sealed class SysctlSubsystemTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "meshd-sysctl-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Key(string key) => Path.Combine(_root, key.Replace('.', '/'));

    private void Set(string key, string value)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Key(key))!);
        File.WriteAllText(Key(key), value + "\n");
    }

    [Fact]
    public async Task Only_differing_settings_are_written_and_missing_bridge_keys_are_reported()
    {
        var plan = Plans.Lab("roz1");
        Set("net.ipv4.ip_forward", "0");
        Set("net.ipv4.conf.all.rp_filter", "1");
        Set("net.ipv4.conf.default.rp_filter", "0");
        var untouched = File.GetLastWriteTimeUtc(Key("net.ipv4.conf.default.rp_filter"));
        var sysctl = new SysctlSubsystem(_root);

        var first = await sysctl.ReconcileAsync(plan, TestContext.Current.CancellationToken);

        Assert.Equal((Health.Healthy, 2), (first.Health, first.Changes));
        Assert.StartsWith("net.ipv4.conf.all.rp_filter=0 (was 1), net.ipv4.ip_forward=1 (was 0); not present here: net.bridge.bridge-nf-call-ip6tables, net.bridge.bridge-nf-call-iptables (modprobe br_netfilter", first.Message, StringComparison.Ordinal);
        Assert.Equal("1\n", File.ReadAllText(Key("net.ipv4.ip_forward")));
        Assert.Equal("0\n", File.ReadAllText(Key("net.ipv4.conf.all.rp_filter")));
        Assert.Equal(untouched, File.GetLastWriteTimeUtc(Key("net.ipv4.conf.default.rp_filter")));
        Assert.False(File.Exists(Key("net.bridge.bridge-nf-call-iptables")), "a missing key must not be invented");

        var second = await sysctl.ReconcileAsync(plan, TestContext.Current.CancellationToken);

        Assert.Equal((Health.Healthy, 0), (second.Health, second.Changes));
        Assert.StartsWith("3 settings in place; not present here:", second.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_setting_in_place_is_unchanged()
    {
        var plan = Plans.Lab("wro1");
        foreach (var s in plan.Sysctls)
        {
            Set(s.Key, s.Value);
        }

        var result = await new SysctlSubsystem(_root).ReconcileAsync(plan, TestContext.Current.CancellationToken);

        Assert.Equal((Health.Healthy, 0, $"{plan.Sysctls.Count} settings in place"), (result.Health, result.Changes, result.Message));
        Assert.Equal("sysctl", new SysctlSubsystem(_root).Name);
    }
}
