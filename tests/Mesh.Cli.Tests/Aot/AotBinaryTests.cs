using System.Text.RegularExpressions;
using Mesh.Cli.Tests.Control;
using Mesh.Cli.Tests.Status;
using Mesh.Control;
using TestSupport;

namespace Mesh.Cli.Tests.Aot;

/// <summary>
/// The Native AOT meshctl that scripts/setup publishes into .build/meshctl gives the same answers as the managed
/// meshctl the other tests run in process (same bytes for --json, same exit codes), incl. NSec/libsodium and the
/// control protocol.
/// </summary>
public sealed partial class AotBinaryTests : IDisposable
{
    private readonly CliRunner.TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string[]> JsonCommands => new()
    {
        new[] { "validate", CliRunner.Example("two-sites.yaml"), "--json" },
        new[] { "validate", CliRunner.Example("lab.yaml") },
        new[] { "plan", CliRunner.Example("two-sites.yaml"), "--node", "roz1", "--json" },
        new[] { "plan", CliRunner.Example("multi-site.yaml"), "--node", "pve1" },
        new[] { "sdn", "plan", CliRunner.Example("two-sites.yaml"), "--site", "roz", "--json" },
        new[] { "firewall", "show", CliRunner.Example("lab.yaml"), "--node", "roz1", "--format", "json" },
        new[] { "frr", "render", "--spec", CliRunner.Example("lab.yaml"), "--node", "wro1" },
        new[] { "plan", CliRunner.Example("two-sites.yaml"), "--node", "nosuch" },
    };

    [Theory]
    [MemberData(nameof(JsonCommands))]
    public void Aot_binary_prints_what_the_managed_meshctl_prints(string[] args)
    {
        var aot = Run(RequireAot(), args);
        var managed = CliRunner.Run(args);

        Assert.Equal(managed.Code, aot.ExitCode);
        Assert.Equal(managed.Out, aot.StdOut);
        Assert.Equal(managed.Err, aot.StdErr);
    }

    [Fact]
    public void Aot_keygen_and_pubkey_use_libsodium_and_agree_with_managed()
    {
        var exe = RequireAot();
        var key = Run(exe, ["keygen"]);
        Assert.True(key.ExitCode == 0, key.StdErr);
        Assert.Equal(45, key.StdOut.Length); // 44 base64 characters + newline

        var pub = Sh.Run(exe, ["pubkey"], TimeSpan.FromSeconds(30), key.StdOut);
        var managed = CliRunner.RunWithInput(key.StdOut, "pubkey");

        Assert.True(pub.ExitCode == 0, pub.StdErr);
        Assert.Equal(managed.Out, pub.StdOut);
        Assert.NotEqual(key.StdOut, pub.StdOut);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("peers")]
    [InlineData("doctor")]
    public void Aot_reads_the_control_protocol_like_managed(string command)
    {
        var exe = RequireAot();
        using var meshd = new FakeMeshd(_dir.File("meshd.sock"), Answer);

        foreach (var json in new[] { true, false })
        {
            string[] args = json ? [command, "--socket", meshd.SocketPath, "--json"] : [command, "--socket", meshd.SocketPath];
            var aot = Run(exe, args);
            var managed = CliRunner.Run(args);

            Assert.Equal(managed.Code, aot.ExitCode);
            Assert.Equal(managed.Err, aot.StdErr);
            if (json)
            {
                Assert.Equal(managed.Out, aot.StdOut);
                Assert.Contains("\"roz1\"", aot.StdOut, StringComparison.Ordinal);
            }
            else
            {
                // human output shows ages relative to now: compare the lines that do not depend on the clock
                Assert.Equal(Stable(managed.Out), Stable(aot.StdOut));
            }
        }
    }

    [Fact]
    public void Aot_without_a_daemon_says_meshd_is_not_running()
    {
        var aot = Run(RequireAot(), ["status", "--socket", _dir.File("none.sock")]);

        Assert.Equal(Cli.Usage, aot.ExitCode);
        Assert.StartsWith("meshctl: meshd is not running", aot.StdErr, StringComparison.Ordinal);
    }

    private static ControlResponse Answer(string command) => command switch
    {
        "status" => new ControlResponse(ControlProtocol.Version, true, null, Status: Reports.Degraded),
        "peers" => new ControlResponse(ControlProtocol.Version, true, null, Peers: Reports.Peers),
        "doctor" => new ControlResponse(ControlProtocol.Version, true, null, Doctor: new DoctorReport("roz1",
        [
            new DoctorFinding("sysctl", Verdict.Ok, "net.ipv4.ip_forward=1", null),
            new DoctorFinding("mtu", Verdict.Fail, "wg_mesh mtu 1500, plan 1420", "ip link set wg_mesh mtu 1420"),
        ])),
        _ => new ControlResponse(ControlProtocol.Version, false, $"unknown command '{command}'"),
    };

    private static string Stable(string text) => Ages().Replace(text, "<age>");

    [GeneratedRegex(@"\b\d+(d\d\dh|h\d\dm|m\d\ds|s)\b")]
    private static partial Regex Ages();

    private static ShResult Run(string exe, string[] args) =>
        Sh.Run("/usr/bin/env", ["-i", "PATH=/usr/bin:/bin", exe, .. args], TimeSpan.FromSeconds(30));

    private static string RequireAot()
    {
        var exe = Repo.Path(".build", "meshctl", "meshctl");
        Assert.SkipUnless(File.Exists(exe), $"{exe} not published; run scripts/setup (publishes meshctl with Native AOT)");
        Assert.False(File.Exists(Repo.Path(".build", "meshctl", "meshctl.dll")), ".build/meshctl holds a managed meshctl; rerun scripts/setup (Native AOT publish)");
        return exe;
    }
}
