namespace MeshWg;

/// <summary>Command line of mesh-wg, wireguard-go's contract: `mesh-wg [-f|--foreground] IFNAME` or `--version`.</summary>
internal sealed record MeshWgOptions(string InterfaceName, bool Foreground, bool Version)
{
    public const string Usage = "usage: mesh-wg [-f/--foreground] INTERFACE-NAME\n       mesh-wg --version";

    /// <summary>Parses the arguments; null with <paramref name="error"/> set when they are wrong.</summary>
    public static MeshWgOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        if (args.Count == 1 && args[0] is "--version" or "-v")
        {
            return new MeshWgOptions(string.Empty, false, true);
        }

        var foreground = Environment.GetEnvironmentVariable("WG_PROCESS_FOREGROUND") == "1";
        string? name = null;
        foreach (var a in args)
        {
            if (a is "-f" or "--foreground")
            {
                foreground = true;
            }
            else if (a.StartsWith('-') || name is not null)
            {
                error = $"unexpected argument \"{a}\"";
                return null;
            }
            else
            {
                name = a;
            }
        }

        if (name is null)
        {
            error = "the interface name is missing";
            return null;
        }

        if (!WireGuard.Tun.TunName.IsValid(name))
        {
            error = $"\"{name}\" is not a valid interface name (1-15 bytes, no '/', ':' or spaces)";
            return null;
        }

        return new MeshWgOptions(name, foreground, false);
    }
}
