namespace Frr.Tests;

/// <summary>
/// A fake vtysh: a shell script in a temp directory that logs its arguments and prints output
/// recorded from the real FRR 8.4.4 (Status/Recorded), or misbehaves on request.
/// </summary>
internal sealed class FakeVtysh : IDisposable
{
    private FakeVtysh(string dir) => Dir = dir;

    public string Dir { get; }

    public string Program => Path.Combine(Dir, "vtysh");

    public string ArgsLog => Path.Combine(Dir, "args.log");

    public IReadOnlyList<string> LoggedArgs => File.Exists(ArgsLog) ? File.ReadAllLines(ArgsLog) : [];

    /// <summary>Prints the recorded output matching the `-c` command.</summary>
    public static FakeVtysh Recorded() => Create("""
        case "$*" in
          *"show bgp l2vpn evpn summary json"*) cat "$D/bgp_l2vpn_evpn_summary.json" ;;
          *"show evpn vni json"*) cat "$D/evpn_vni.json" ;;
          *"show bgp l2vpn evpn route json"*) cat "$D/bgp_l2vpn_evpn_route.json" ;;
          *) echo "% Unknown command: $*"; exit 1 ;;
        esac
        """);

    /// <summary>A script with the given body ($D is the recorded-output directory).</summary>
    public static FakeVtysh Create(string body)
    {
        var dir = Directory.CreateTempSubdirectory("fake-vtysh-").FullName;
        var recorded = Path.Combine(AppContext.BaseDirectory, "Status", "Recorded");
        var script = $"#!/bin/sh\nD='{recorded}'\necho \"$*\" >> '{dir}/args.log'\n{body}\n";
        var path = Path.Combine(dir, "vtysh");
        File.WriteAllText(path, script);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new FakeVtysh(dir);
    }

    public FrrInstance Instance(string? pathspace = "frrtest", double timeoutSeconds = 10) => new()
    {
        Pathspace = pathspace,
        Vtysh = Program,
        CommandTimeout = TimeSpan.FromSeconds(timeoutSeconds),
    };

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
