namespace Frr;

/// <summary>
/// Where one FRR instance lives: its pathspace (`-N NAME`, several instances on one machine),
/// config directory and the programs used to talk to it. The defaults fit a stock Debian node.
/// </summary>
public sealed record FrrInstance
{
    /// <summary>Pathspace name passed as `-N` to vtysh and frr-reload.py, or null for the default instance.</summary>
    public string? Pathspace { get; init; }

    /// <summary>Base config directory (`/etc/frr`); a pathspace's files live in its subdirectory.</summary>
    public string ConfDir { get; init; } = "/etc/frr";

    /// <summary>vtysh executable (a path or a name on PATH).</summary>
    public string Vtysh { get; init; } = "vtysh";

    /// <summary>frr-reload.py from frr-pythontools.</summary>
    public string ReloadScript { get; init; } = "/usr/lib/frr/frr-reload.py";

    /// <summary>
    /// Command that restarts the instance when a reload cannot apply (e.g. a daemon was enabled).
    /// Defaults to `systemctl restart frr`, or `frrinit.sh restart NAME` for a pathspace.
    /// </summary>
    public IReadOnlyList<string>? RestartCommand { get; init; }

    /// <summary>Time limit for one vtysh or reload invocation.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Directory holding this instance's frr.conf and daemons file.</summary>
    public string InstanceDir => Pathspace is null ? ConfDir : Path.Combine(ConfDir, Pathspace);

    /// <summary>The integrated configuration file.</summary>
    public string ConfigPath => Path.Combine(InstanceDir, "frr.conf");

    /// <summary>Copy of the configuration last applied and verified (FRR may rewrite frr.conf in its own format).</summary>
    public string AppliedPath => Path.Combine(InstanceDir, ".frr.conf.applied");

    /// <summary>The daemons file (which daemons watchfrr starts).</summary>
    public string DaemonsPath => Path.Combine(InstanceDir, "daemons");

    /// <summary>The effective restart command.</summary>
    public IReadOnlyList<string> EffectiveRestartCommand =>
        RestartCommand ?? (Pathspace is null ? ["systemctl", "restart", "frr"] : ["/usr/lib/frr/frrinit.sh", "restart", Pathspace]);

    /// <summary>`-N NAME` when a pathspace is set.</summary>
    internal IEnumerable<string> PathspaceArgs => Pathspace is null ? [] : ["-N", Pathspace];
}
