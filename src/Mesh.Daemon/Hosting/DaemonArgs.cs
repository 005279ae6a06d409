namespace Mesh.Daemon.Hosting;

/// <summary>Command-line switches of meshd mapped onto <see cref="DaemonOptions"/>.</summary>
public static class DaemonArgs
{
    /// <summary>--kebab-case switch → option property.</summary>
    public static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.Ordinal)
    {
        ["--spec"] = nameof(DaemonOptions.Spec),
        ["--node"] = nameof(DaemonOptions.Node),
        ["--state-dir"] = nameof(DaemonOptions.StateDir),
        ["--socket"] = nameof(DaemonOptions.Socket),
        ["--metrics"] = nameof(DaemonOptions.Metrics),
        ["--resync-seconds"] = nameof(DaemonOptions.ResyncSeconds),
        ["--netns"] = nameof(DaemonOptions.Netns),
        ["--frr-pathspace"] = nameof(DaemonOptions.FrrPathspace),
        ["--private-key-file"] = nameof(DaemonOptions.PrivateKeyFile),
        ["--uapi-dir"] = nameof(DaemonOptions.UapiDir),
    };
}
