using System.Net;
using Mesh.Cli.Keys;
using Mesh.Cli.Control;
using Mesh.Control;
using TestSupport;
using WireGuard;
using WireGuard.Uapi;

namespace Mesh.Daemon.Tests.Live;

/// <summary>The real meshd in a namespace of its own: one native node (userspace dataplane) and one peer.</summary>
public sealed class MeshdLiveTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Meshd_brings_up_wireguard_and_links_reports_them_and_cleans_up_on_SIGTERM()
    {
        Privileged.RequireRoot();
        using var ns = NetNs.Create("md");
        var dir = Directory.CreateTempSubdirectory("meshd-live-").FullName;
        try
        {
            var stateDir = Path.Combine(dir, "state");
            var uapiDir = Path.Combine(dir, "uapi");
            var socket = Path.Combine(dir, "run", "meshd.sock");
            Directory.CreateDirectory(stateDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var privateKey = KeyMaterial.GeneratePrivateKey();
            Assert.True(KeyMaterial.TryDerivePublicKey(privateKey, out var publicKey, out _));
            var keyFile = Path.Combine(stateDir, "private.key");
            File.WriteAllText(keyFile, privateKey + "\n");
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var spec = Path.Combine(dir, "mesh.yaml");
            var peerKey = "BMf1oANPdS7HqNlVTLewbr+CFvK3P3qNA/GIeyb2fj8=";
            File.WriteAllText(spec, File.ReadAllText(Repo.Path("examples", "lab.yaml"))
                .Replace("UlPhTqCWdmCQr5LXTBI55K/Kv8ZeqnRKI5mleNfCEko=", publicKey, StringComparison.Ordinal)
                .Replace("wro.lab.example.net:51820", "192.0.2.2:51820", StringComparison.Ordinal));
            var pathspace = $"mdlive{Environment.ProcessId}"; // no /etc/frr/<it>: the frr subsystem fails without touching any FRR

            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var meshd = MeshdProcess.Start(ns, "--spec", spec, "--node", "roz1", "--state-dir", stateDir, "--socket", socket,
                "--uapi-dir", uapiDir, "--frr-pathspace", pathspace, "--resync-seconds", "600");

            var status = await WaitForStatusAsync(meshd, socket, s =>
                Healthy(s, "wireguard") && Healthy(s, "links"));
            Assert.Equal(("roz1", "roz", "native", "userspace"), (status.Node, status.Site, status.Role, status.Dataplane));
            TestContext.Current.TestOutputHelper?.WriteLine($"meshd ready (wireguard and links healthy) after {clock.Elapsed.TotalSeconds:F1} s");

            var (code, text, error) = RunCli("status", "--socket", socket);
            Assert.True(code is Mesh.Cli.Cli.Ok or Mesh.Cli.Cli.Failed, $"meshctl status exited {code}: {error}");
            Assert.Contains("node       roz1 (site roz, role native)\n", text, StringComparison.Ordinal);
            Assert.Contains("dataplane  userspace\n", text, StringComparison.Ordinal);
            Assert.Matches(@"(?m)^wireguard\s+healthy\s", text);
            Assert.Matches(@"(?m)^links\s+healthy\s", text);

            var device = await new UapiClient(Path.Combine(uapiDir, "wg_mesh.sock")).GetAsync(Ct);
            Assert.Equal(publicKey, device.PublicKey!.Value.ToBase64());
            Assert.Equal(51820, device.ListenPort);
            var peer = Assert.Single(device.Peers);
            Assert.Equal(peerKey, peer.PublicKey.ToBase64());
            Assert.Equal(IPEndPoint.Parse("192.0.2.2:51820"), peer.Endpoint!.Value.ToIPEndPoint());
            Assert.Contains(IPNetwork.Parse("10.2.0.1/32"), peer.AllowedIps);
            Assert.Contains("wg_mesh", ns.Ip("link", "show", "wg_mesh"), StringComparison.Ordinal);
            Assert.DoesNotContain(privateKey, meshd.Log, StringComparison.Ordinal);

            var peers = RunCli("peers", "--socket", socket);
            Assert.True(peers.Code is Mesh.Cli.Cli.Ok or Mesh.Cli.Cli.Failed, $"meshctl peers exited {peers.Code}: {peers.Err}");
            Assert.Matches(@"(?m)^wro1\s+wro\s+never\s", peers.Out);
            Assert.Contains("192.0.2.2:51820", peers.Out, StringComparison.Ordinal);
            var doctor = RunCli("doctor", "--socket", socket);
            Assert.Equal(Mesh.Cli.Cli.Failed, doctor.Code); // no handshake, no BGP here
            Assert.Contains("doctor: roz1\n", doctor.Out, StringComparison.Ordinal);
            Assert.Matches(@"(?m)^\s+ok\s+mtu\s", doctor.Out);

            // An invalid spec saved while meshd runs: reported with file:line, the running state kept.
            var good = File.ReadAllText(spec);
            File.WriteAllText(spec, good.Replace("vni: 100000", "vni: 99999999", StringComparison.Ordinal));
            var broken = await WaitForStatusAsync(meshd, socket, s => s.SpecErrors.Count > 0);
            Assert.StartsWith(spec + ":", broken.SpecErrors[0], StringComparison.Ordinal);
            Assert.True(Healthy(broken, "wireguard"));
            Assert.Single((await new UapiClient(Path.Combine(uapiDir, "wg_mesh.sock")).GetAsync(Ct)).Peers);
            File.WriteAllText(spec, good);
            var apply = RunCli("apply", "--socket", socket, "--wait", "20");
            Assert.True(apply.Code is Mesh.Cli.Cli.Ok or Mesh.Cli.Cli.Failed, $"meshctl apply exited {apply.Code}: {apply.Err}");
            await WaitForStatusAsync(meshd, socket, s => s.SpecErrors.Count == 0 && Healthy(s, "wireguard"));

            clock.Restart();
            Sh.Must("kill", "-TERM", meshd.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(meshd.WaitForExit(TimeSpan.FromSeconds(10)), "meshd did not stop within 10 s of SIGTERM\n" + meshd.Log);
            TestContext.Current.TestOutputHelper?.WriteLine($"meshd stopped {clock.Elapsed.TotalSeconds:F1} s after SIGTERM");
            Assert.Equal(0, meshd.ExitCode);
            Assert.False(ns.Exec("ip", ["link", "show", "wg_mesh"]).ExitCode == 0, "the TUN device outlived meshd");
            Assert.False(File.Exists(socket), "the control socket outlived meshd");
            Assert.False(File.Exists(Path.Combine(uapiDir, "wg_mesh.sock")), "the UAPI socket outlived meshd");
            Assert.Empty(ns.Pids());
            Assert.False(Directory.Exists(Path.Combine("/etc/frr", pathspace)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static bool Healthy(StatusReport s, string name) => s.Subsystems.Any(x => x.Name == name && x.Health == Health.Healthy);

    private static async Task<StatusReport> WaitForStatusAsync(MeshdProcess meshd, string socket, Func<StatusReport, bool> ready)
    {
        StatusReport? last = null;
        string? lastError = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        for (var i = 0; i < 300 && DateTime.UtcNow < deadline; i++)
        {
            if (meshd.HasExited)
            {
                Assert.Fail($"meshd exited ({meshd.ExitCode}) before it was ready:\n{meshd.Log}");
            }
            try
            {
                last = ControlClient.Send(socket, "status", TimeSpan.FromSeconds(5)).Status;
                if (last is not null && ready(last))
                {
                    return last;
                }
            }
            catch (ControlException e)
            {
                lastError = e.Message;
            }

            await Task.Delay(100, Ct);
        }

        var subsystems = last is null ? lastError : string.Join("; ", last.Subsystems.Select(s => $"{s.Name}={s.Health}: {s.Message}"));
        Assert.Fail($"meshd not ready within 30 s: {subsystems}\n{meshd.Log}");
        return null!;
    }

    private static (int Code, string Out, string Err) RunCli(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter();
        var code = Mesh.Cli.Cli.Run(args, output, error, TextReader.Null);
        return (code, output.ToString(), error.ToString());
    }
}
