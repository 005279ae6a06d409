using System.Net;
using System.Text.Json;

namespace Frr.Tests;

/// <summary>The project's own Proxmox cases (Cases/pve/NAME: running-config.json in the real shape, case.json, frr.conf).</summary>
public sealed class PveOwnCaseTests
{
    public static TheoryData<string> Cases() =>
        [.. Directory.GetDirectories(Path.Combine(Snapshot.CasesDir, "pve")).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_snapshot(string name)
    {
        var dir = Path.Combine(Snapshot.CasesDir, "pve", name);
        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "case.json")));
        var m = meta.RootElement;
        var actual = PveEvpn.RenderFromRunningConfig(
            File.ReadAllText(Path.Combine(dir, "running-config.json")),
            m.GetProperty("node").GetString()!,
            IPAddress.Parse(m.GetProperty("localIp").GetString()!),
            m.GetProperty("frrVersion").GetString()!);
        Snapshot.Match(Path.Combine("pve", name, "frr.conf"), actual);
    }
}
