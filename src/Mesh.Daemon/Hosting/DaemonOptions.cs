namespace Mesh.Daemon.Hosting;

/// <summary>meshd configuration (command line `--spec`, `--node`, ... or environment MESHD_*).</summary>
public sealed class DaemonOptions
{
    /// <summary>The mesh spec file.</summary>
    public string Spec { get; set; } = "/etc/meshd/mesh.yaml";

    /// <summary>This node's name in the spec (default: the host name).</summary>
    public string Node { get; set; } = Environment.MachineName;

    /// <summary>State directory (private keys, lock tokens). Mode 0700.</summary>
    public string StateDir { get; set; } = "/var/lib/meshd";

    /// <summary>Control socket path.</summary>
    public string Socket { get; set; } = Mesh.Control.ControlProtocol.DefaultSocketPath;

    /// <summary>Prometheus metrics listen address (loopback only), e.g. 127.0.0.1:9474; empty = off.</summary>
    public string Metrics { get; set; } = string.Empty;

    /// <summary>Seconds between periodic resync passes.</summary>
    public int ResyncSeconds { get; set; } = 60;

    /// <summary>Network namespace the node lives in (the lab runs one meshd per namespace); empty = the current one.</summary>
    public string Netns { get; set; } = string.Empty;

    /// <summary>FRR pathspace (-N) for several FRR instances on one machine; empty = the default instance.</summary>
    public string FrrPathspace { get; set; } = string.Empty;

    /// <summary>On stop, also remove kernel devices (default: keep them so a restart does not drop traffic).</summary>
    public bool RemoveOnStop { get; set; }

    /// <summary>Directory of the userspace device's UAPI socket (wg(8) looks in /var/run/wireguard).</summary>
    public string UapiDir { get; set; } = "/var/run/wireguard";

    /// <summary>Private key file (default: STATE_DIR/private.key).</summary>
    public string PrivateKeyFile { get; set; } = string.Empty;

    /// <summary>The effective private key path.</summary>
    public string EffectivePrivateKeyFile => string.IsNullOrEmpty(PrivateKeyFile) ? Path.Combine(StateDir, "private.key") : PrivateKeyFile;
}
