using System.Diagnostics;
using TestSupport;

namespace Frr.Tests;

/// <summary>
/// A real FRR 8.4.4 instance for a test: pathspace = the namespace's name, config in /etc/frr/NAME
/// (a copy of the stock daemons file, so bgpd starts disabled), zebra and bgpd started inside the
/// namespace with `-N NAME`, a restart script standing in for frrinit.sh. Dispose kills the daemons
/// by the PIDs in their pid files and removes the directories.
/// </summary>
internal sealed class FrrNode : IDisposable
{
    private static readonly string[] Daemons = ["zebra", "bgpd"];
    private static readonly string[] Optional = ["bgpd", "bfdd", "staticd"];

    public FrrNode(NetNs ns)
    {
        Ns = ns;
        Name = ns.Name;
        Directory.CreateDirectory(ConfDir);
        Directory.CreateDirectory(RunDir);
        File.Copy("/etc/frr/daemons", Path.Combine(ConfDir, "daemons"));
        File.WriteAllText(Path.Combine(ConfDir, "vtysh.conf"), string.Empty);
        Sh.Must("chown", "-R", "frr:frr", ConfDir, RunDir);
        RestartScript = Path.Combine(RunDir, "restart.sh");
        File.WriteAllText(RestartScript, $$"""
            #!/bin/sh
            # stands in for `frrinit.sh restart NAME`: stop the daemons by PID, start them in the namespace, load frr.conf
            D={{RunDir}}
            alive() { [ -f "$D/$1.pid" ] && kill -0 "$(cat "$D/$1.pid")" 2>/dev/null; }
            for d in staticd bfdd bgpd zebra; do alive $d && kill "$(cat "$D/$d.pid")"; done
            i=0
            while [ $i -lt 100 ] && { alive bgpd || alive zebra || alive bfdd || alive staticd; }; do sleep 0.1; i=$((i+1)); done
            {{StartCommands}}
            exec vtysh -N {{Name}} -b
            """);
        File.SetUnixFileMode(RestartScript, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            foreach (var d in Daemons)
            {
                Start(d);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public NetNs Ns { get; }

    public string Name { get; }

    public string ConfDir => Path.Combine("/etc/frr", Name);

    public string RunDir => Path.Combine("/var/run/frr", Name);

    public string RestartScript { get; }

    public FrrInstance Instance => new()
    {
        Pathspace = Name,
        RestartCommand = [RestartScript],
        CommandTimeout = TimeSpan.FromSeconds(20),
    };

    public int Pid(string daemon) => int.Parse(File.ReadAllText(Path.Combine(RunDir, daemon + ".pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public string Vtysh(string command) => Sh.Must("vtysh", "-N", Name, "-c", command);

    /// <summary>zebra always, then every daemon the daemons file enables (as frrinit.sh does).</summary>
    private string StartCommands => $$"""
        ip netns exec {{Name}} /usr/lib/frr/zebra -d -N {{Name}} -i {{RunDir}}/zebra.pid
        for d in {{string.Join(' ', Optional)}}; do
          if grep -q "^$d=yes" {{ConfDir}}/daemons; then ip netns exec {{Name}} /usr/lib/frr/$d -d -N {{Name}} -i {{RunDir}}/$d.pid; fi
        done
        """;

    private void Start(string daemon) =>
        Sh.Must("ip", "netns", "exec", Name, $"/usr/lib/frr/{daemon}", "-d", "-N", Name, "-i", Path.Combine(RunDir, daemon + ".pid"));

    public void Dispose()
    {
        foreach (var d in Optional.Reverse().Append("zebra"))
        {
            try
            {
                using var p = Process.GetProcessById(Pid(d));
                if (p.ProcessName != d)
                {
                    continue; // stale pid file, the number now belongs to someone else
                }

                p.Kill();
                p.WaitForExit(5000);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or FormatException)
            {
            }
        }

        if (Directory.Exists(ConfDir))
        {
            Directory.Delete(ConfDir, recursive: true);
        }

        if (Directory.Exists(RunDir))
        {
            Directory.Delete(RunDir, recursive: true);
        }
    }
}
