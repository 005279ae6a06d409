using TestSupport;

namespace Mesh.Cli.Tests;

/// <summary>packaging/build-deb: built once per run (publish reused when present), inspected with dpkg-deb.</summary>
public sealed class PackagingTests
{
    private static readonly Lazy<string> Deb = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    [Fact]
    public void Package_holds_the_programs_unit_example_and_docs_with_their_modes()
    {
        var deb = RequireDeb();
        using var dir = new CliRunner.TempDir();
        Sh.Must("dpkg-deb", "-x", deb, dir.Path);

        foreach (var program in new[] { "meshd", "meshctl", "mesh-wg" })
        {
            var path = dir.File($"usr/lib/meshd/{program}");
            Assert.True(File.Exists(path), $"{program} missing");
            Assert.Equal(Mode("0755"), File.GetUnixFileMode(path));
        }

        var link = new FileInfo(dir.File("usr/bin/meshctl"));
        Assert.Equal("../lib/meshd/meshctl", link.LinkTarget);
        Assert.Equal(File.ReadAllText(Repo.Path("systemd", "meshd.service")), File.ReadAllText(dir.File("lib/systemd/system/meshd.service")));
        Assert.Equal(Mode("0644"), File.GetUnixFileMode(dir.File("lib/systemd/system/meshd.service")));
        Assert.Equal(Mode("0644"), File.GetUnixFileMode(dir.File("etc/meshd/mesh.yaml.example")));
        Assert.True(File.Exists(dir.File("usr/share/doc/meshd/README.md")));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.pdb", SearchOption.AllDirectories));
        Assert.DoesNotContain(Directory.GetFiles(dir.File("usr/lib/meshd")), f => (File.GetUnixFileMode(f) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0);

        var listing = Sh.Must("dpkg-deb", "-c", deb);
        Assert.All(listing.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.Contains(" root/root ", l, StringComparison.Ordinal));

        // Self-contained: runs with an empty environment (no dotnet, no DOTNET_ROOT) and validates the example it ships.
        var run = Sh.Run("/usr/bin/env", ["-i", "PATH=/usr/bin:/bin", dir.File("usr/bin/meshctl"), "validate", dir.File("etc/meshd/mesh.yaml.example")]);
        Assert.True(run.ExitCode == 0, run.StdErr + run.StdOut);
    }

    [Fact]
    public void Control_declares_dependencies_conffiles_and_state_directory()
    {
        var deb = RequireDeb();
        var info = Sh.Must("dpkg-deb", "-I", deb);
        var depends = info.Split('\n').Single(l => l.TrimStart().StartsWith("Depends:", StringComparison.Ordinal));
        foreach (var package in new[] { "frr", "frr-pythontools", "nftables", "wireguard-tools" })
        {
            Assert.Contains($" {package},", depends + ",", StringComparison.Ordinal);
        }

        Assert.Contains("Architecture: amd64", info, StringComparison.Ordinal);
        Assert.Equal("/etc/meshd/mesh.yaml.example\n", Sh.Must("dpkg-deb", "-I", deb, "conffiles"));

        using var dir = new CliRunner.TempDir();
        Sh.Must("dpkg-deb", "-e", deb, dir.Path);
        var postinst = dir.File("postinst");
        Assert.Equal(Mode("0755"), File.GetUnixFileMode(postinst));
        Assert.Contains("install -d -m 0700 -o root -g root \"${DPKG_ROOT:-}/var/lib/meshd\"", File.ReadAllText(postinst), StringComparison.Ordinal);
        var sh = Sh.Run("sh", ["-n", postinst]);
        Assert.True(sh.ExitCode == 0, sh.StdErr);
    }

    [Fact]
    public void Unit_passes_systemd_analyze_verify_with_strict_protection_and_network_capabilities()
    {
        var deb = RequireDeb();
        if (Privileged.Which("systemd-analyze") is null)
        {
            Assert.Skip("systemd-analyze not installed (apt-get install systemd)");
        }

        using var dir = new CliRunner.TempDir();
        Sh.Must("dpkg-deb", "-x", deb, dir.Path);
        var unit = File.ReadAllText(dir.File("lib/systemd/system/meshd.service"));
        Assert.Contains("ProtectSystem=strict\n", unit, StringComparison.Ordinal);
        var caps = unit.Split('\n').Single(l => l.StartsWith("CapabilityBoundingSet=", StringComparison.Ordinal));
        Assert.Contains("CAP_NET_ADMIN", caps, StringComparison.Ordinal);
        Assert.DoesNotContain("CAP_SYS_ADMIN", caps, StringComparison.Ordinal);

        // verify checks that ExecStart exists: point it at the extracted program.
        Directory.CreateDirectory(dir.File("unit"));
        var local = dir.File("unit/meshd.service");
        File.WriteAllText(local, unit.Replace("/usr/lib/meshd/", dir.File("usr/lib/meshd/"), StringComparison.Ordinal));
        var verify = Sh.Run("systemd-analyze", ["verify", local], TimeSpan.FromSeconds(60));
        Assert.True(verify.ExitCode == 0 && verify.StdErr.Trim().Length == 0, verify.StdErr);
    }

    [Fact]
    public void Installs_into_a_scratch_root_with_dpkg_root_then_removes_keeping_conffiles_then_purges()
    {
        var deb = RequireDeb();
        Privileged.RequireTools("dpkg");
        using var root = new CliRunner.TempDir();
        foreach (var d in new[] { "var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers", "var/log" })
        {
            Directory.CreateDirectory(root.File(d));
        }

        File.WriteAllText(root.File("var/lib/dpkg/status"), string.Empty);
        File.WriteAllText(root.File("var/lib/dpkg/available"), string.Empty);

        // frr & co. are not in the scratch root (--force-depends); the maintainer scripts run outside it with
        // DPKG_ROOT set (--force-script-chrootless), as Debian's DPKG_ROOT-aware scripts do.
        string Dpkg(params string[] args)
        {
            var run = Sh.Run("dpkg", [$"--root={root.Path}", $"--log={root.File("var/log/dpkg.log")}", "--force-depends", "--force-script-chrootless", .. args], TimeSpan.FromMinutes(3));
            Assert.True(run.ExitCode == 0, $"dpkg {string.Join(' ', args)} exited {run.ExitCode}: {run.StdErr}{run.StdOut}");
            return run.StdOut;
        }

        Dpkg("--install", deb);

        Assert.Contains("Status: install ok installed", Dpkg("--status", "meshd"), StringComparison.Ordinal);
        var installed = new[] { "/usr/bin/meshctl", "/usr/lib/meshd/meshctl", "/usr/lib/meshd/meshd", "/usr/lib/meshd/mesh-wg", "/lib/systemd/system/meshd.service", "/etc/meshd/mesh.yaml.example" };
        var listed = Dpkg("--listfiles", "meshd").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var path in installed)
        {
            Assert.Contains(path, listed);
            Assert.True(Path.Exists(root.File(path.TrimStart('/'))), $"{path} not installed under the root");
        }

        Assert.Equal(Mode("0755"), File.GetUnixFileMode(root.File("usr/lib/meshd/meshctl")));
        Assert.Equal(Mode("0644"), File.GetUnixFileMode(root.File("lib/systemd/system/meshd.service")));
        Assert.Equal(Mode("0644"), File.GetUnixFileMode(root.File("etc/meshd/mesh.yaml.example")));
        Assert.Equal(Mode("0700"), File.GetUnixFileMode(root.File("var/lib/meshd")));
        Assert.Contains("/etc/meshd/mesh.yaml.example", File.ReadAllText(root.File("var/lib/dpkg/info/meshd.conffiles")), StringComparison.Ordinal);
        Assert.Contains(" /etc/meshd/mesh.yaml.example ", Dpkg("--status", "meshd"), StringComparison.Ordinal);

        // the installed meshctl runs from the root (Native AOT: no .NET runtime, libsodium next to it)
        var version = Sh.Run("/usr/bin/env", ["-i", "PATH=/usr/bin:/bin", root.File("usr/bin/meshctl"), "--version"]);
        Assert.True(version.ExitCode == 0, version.StdErr);
        Assert.StartsWith(File.ReadAllText(Repo.Path("Directory.Build.props")).Split("<Version>")[1].Split('<')[0], version.StdOut, StringComparison.Ordinal);

        // a local edit to the conffile survives remove; purge deletes it and the state directory
        File.AppendAllText(root.File("etc/meshd/mesh.yaml.example"), "# edited\n");
        Dpkg("--remove", "meshd");
        Assert.False(File.Exists(root.File("usr/lib/meshd/meshd")));
        Assert.False(Path.Exists(root.File("usr/bin/meshctl")));
        Assert.False(File.Exists(root.File("lib/systemd/system/meshd.service")));
        Assert.EndsWith("# edited\n", File.ReadAllText(root.File("etc/meshd/mesh.yaml.example")), StringComparison.Ordinal);
        Assert.Contains("Status: deinstall ok config-files", Dpkg("--status", "meshd"), StringComparison.Ordinal);

        Dpkg("--purge", "meshd");
        Assert.False(File.Exists(root.File("etc/meshd/mesh.yaml.example")));
        Assert.False(Directory.Exists(root.File("var/lib/meshd")));
        var gone = Sh.Run("dpkg", [$"--root={root.Path}", "--status", "meshd"]);
        Assert.NotEqual(0, gone.ExitCode);
    }

    private static string RequireDeb()
    {
        Privileged.RequireRoot();
        Privileged.RequireTools("dpkg-deb", "dotnet");
        return Deb.Value;
    }

    private static string Build()
    {
        var result = Sh.Run(Repo.Path("packaging", "build-deb"), ["--out", Repo.Path(".build", "deb"), "--reuse-publish"], TimeSpan.FromMinutes(15));
        result.EnsureSuccess("packaging/build-deb");
        var deb = result.StdOut.Trim().Split('\n')[^1];
        Assert.True(File.Exists(deb), $"build-deb did not print the package path: {result.StdOut}");
        return deb;
    }

    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);
}
