using System.Net;
using System.Text.RegularExpressions;
using TestSupport;

namespace Frr.Tests;

/// <summary>pve-network's own EVPN test cases (../shared): the rendered frr.conf must match byte for byte.</summary>
public sealed partial class PveReferenceCaseTests
{
    private const string CasesDir = "reference/pve-network-evpn";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        var dir = Repo.Shared is { } shared ? Path.Combine(shared, CasesDir) : null;
        if (dir is null || !Directory.Exists(dir))
        {
            data.Add("(absent)");
            return data;
        }

        foreach (var c in Directory.GetDirectories(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            data.Add(c!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_like_proxmox(string caseName)
    {
        var dir = Repo.RequireShared(CasesDir, caseName);
        var json = File.ReadAllText(Path.Combine(dir, "sdn_config.json"));
        var expected = File.ReadAllText(Path.Combine(dir, "expected_controller_config"));
        var localIp = Vmbr0Address(File.ReadAllText(Path.Combine(dir, "interfaces")));

        var actual = PveEvpn.RenderFromRunningConfig(json, "localhost", localIp, "10.4.1");

        Assert.Equal(expected, actual);
    }

    internal static IPAddress Vmbr0Address(string interfaces)
    {
        var m = Vmbr0Regex().Match(interfaces);
        Assert.True(m.Success, "no `iface vmbr0` with an address in the interfaces file");
        return IPAddress.Parse(m.Groups[1].Value);
    }

    [GeneratedRegex(@"iface vmbr0[^\n]*\n(?:[ \t]+[^\n]*\n)*?[ \t]+address ([0-9a-fA-F.:]+)")]
    private static partial Regex Vmbr0Regex();
}
