using System.Net;
using System.Text.RegularExpressions;

namespace TestSupport;

/// <summary>
/// pve-network's own EVPN test cases in ../shared/reference/pve-network-evpn (never copied into the repo):
/// the case names for a theory, and each case's local VTEP address (the vmbr0 address of its `interfaces`).
/// </summary>
public static partial class PveEvpnCases
{
    /// <summary>The cases folder relative to ../shared.</summary>
    public const string Folder = "reference/pve-network-evpn";

    /// <summary>One theory row per case; a single "(absent)" row (which skips) when ../shared is missing.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        var dir = Repo.Shared is { } shared ? Path.Combine(shared, Folder) : null;
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

    /// <summary>The case's folder; skips the test when ../shared or the case is absent.</summary>
    public static string Require(string caseName) => Repo.RequireShared(Folder, caseName);

    /// <summary>The vmbr0 address in a case's interfaces file (the node's local VTEP IP in pve-network's tests).</summary>
    public static IPAddress LocalIp(string caseDir)
    {
        var m = Vmbr0Regex().Match(File.ReadAllText(Path.Combine(caseDir, "interfaces")));
        Assert.True(m.Success, "no `iface vmbr0` with an address in the interfaces file");
        return IPAddress.Parse(m.Groups[1].Value);
    }

    [GeneratedRegex(@"iface vmbr0[^\n]*\n(?:[ \t]+[^\n]*\n)*?[ \t]+address ([0-9a-fA-F.:]+)")]
    private static partial Regex Vmbr0Regex();
}
