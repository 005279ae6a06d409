using TestSupport;

namespace Frr.Tests;

/// <summary>pve-network's own EVPN test cases (../shared): the rendered frr.conf must match byte for byte.</summary>
public sealed class PveReferenceCaseTests
{
    public static TheoryData<string> Cases() => PveEvpnCases.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_like_proxmox(string caseName)
    {
        var dir = PveEvpnCases.Require(caseName);
        var json = File.ReadAllText(Path.Combine(dir, "sdn_config.json"));
        var expected = File.ReadAllText(Path.Combine(dir, "expected_controller_config"));
        var localIp = PveEvpnCases.LocalIp(dir);

        var actual = PveEvpn.RenderFromRunningConfig(json, "localhost", localIp, "10.4.1");

        Assert.Equal(expected, actual);
    }
}
