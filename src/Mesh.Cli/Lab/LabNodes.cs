using Mesh.Cli.Keys;

namespace Mesh.Cli.Lab;

/// <summary>Per-node state of the lab: keys, FRR instance folders, and the meshd process.</summary>
public static class LabNodes
{
    /// <summary>The node's state directory (private key, lock tokens).</summary>
    public static string StateDir(LabSite s) => Path.Combine(LabTopology.StateDir, s.Node);

    /// <summary>The node's control socket.</summary>
    public static string Socket(LabSite s) => Path.Combine(LabTopology.StateDir, s.Node + ".sock");

    /// <summary>The node's UAPI directory (one per node: every lab node names its interface wg_mesh).</summary>
    public static string UapiDir(LabSite s) => Path.Combine(LabTopology.StateDir, s.Node, "wireguard");

    /// <summary>The spec every lab meshd reads.</summary>
    public static string SpecPath => Path.Combine(LabTopology.StateDir, "lab.yaml");

    /// <summary>Writes a new private key (0600) for the node and returns its public key.</summary>
    public static string CreateKey(LabSite s)
    {
        var dir = StateDir(s);
        Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = Path.Combine(dir, "private.key");
        var key = KeyMaterial.GeneratePrivateKey();
        using (var f = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        using (var w = new StreamWriter(f))
        {
            w.WriteLine(key);
        }

        return KeyMaterial.TryDerivePublicKey(key, out var pub, out var error) ? pub : throw new LabException(error);
    }

    /// <summary>Prepares /etc/frr/PATHSPACE (stock daemons file: meshd enables bgpd itself) and its run folder.</summary>
    public static void PrepareFrr(LabSite s)
    {
        var conf = Path.Combine("/etc/frr", s.FrrPathspace);
        var run = Path.Combine("/var/run/frr", s.FrrPathspace);
        Directory.CreateDirectory(conf);
        Directory.CreateDirectory(run);
        File.Copy("/etc/frr/daemons", Path.Combine(conf, "daemons"), overwrite: true);
        File.WriteAllText(Path.Combine(conf, "vtysh.conf"), "service integrated-vtysh-config\n");
        File.WriteAllText(Path.Combine(conf, "frr.conf"), $"frr version 8.4.4\nhostname {s.Node}\nservice integrated-vtysh-config\n!\n");
        LabShell.Must("chown", "-R", "frr:frr", conf, run);
    }

    /// <summary>Removes the node's FRR folders (after its daemons were stopped).</summary>
    public static void RemoveFrr(LabSite s)
    {
        foreach (var dir in new[] { Path.Combine("/etc/frr", s.FrrPathspace), Path.Combine("/var/run/frr", s.FrrPathspace) })
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    /// <summary>Starts meshd for the node inside its namespace; returns the PID.</summary>
    public static int StartMeshd(LabSite s)
    {
        var meshd = MeshdPath();
        Directory.CreateDirectory(UapiDir(s));
        return LabShell.Spawn(s.Ns, Path.Combine(LabTopology.StateDir, s.Node + ".log"), meshd,
            "--spec", SpecPath, "--node", s.Node, "--state-dir", StateDir(s), "--socket", Socket(s),
            "--frr-pathspace", s.FrrPathspace, "--uapi-dir", UapiDir(s), "--resync-seconds", "10",
            "--metrics", "127.0.0.1:9474");
    }

    /// <summary>meshd beside this meshctl (.build layout or the package), or MESHD_BIN, or PATH.</summary>
    public static string MeshdPath()
    {
        var env = Environment.GetEnvironmentVariable("MESHD_BIN");
        if (!string.IsNullOrEmpty(env) && File.Exists(env))
        {
            return env;
        }

        foreach (var candidate in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "meshd"),
            Path.Combine(AppContext.BaseDirectory, "..", "meshd", "meshd"),
            "/usr/lib/meshd/meshd",
        })
        {
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new LabException("meshd not found beside meshctl; run scripts/setup (or set MESHD_BIN)");
    }
}
