using System.Diagnostics;

namespace TestSupport;

/// <summary>
/// A network namespace owned by one test: a unique name, commands run inside it, background processes
/// tracked by PID, and everything removed on Dispose (also when the test failed).
/// Never touches the root namespace's addresses or routes.
/// </summary>
public sealed class NetNs : IDisposable
{
    private static int _counter;
    private readonly List<Process> _processes = [];

    private NetNs(string name) => Name = name;

    /// <summary>The namespace name (ip netns).</summary>
    public string Name { get; }

    /// <summary>Creates a namespace named prefix-pid-counter (prefix ≤ 6 chars keeps device names short) with lo up.</summary>
    public static NetNs Create(string prefix)
    {
        Privileged.RequireRoot();
        var name = $"{prefix}{Environment.ProcessId % 100000}x{Interlocked.Increment(ref _counter)}";
        Sh.Must("ip", "netns", "add", name);
        var ns = new NetNs(name);
        ns.Ip("link", "set", "lo", "up");
        return ns;
    }

    /// <summary>Runs `ip ARGS` inside the namespace and throws on failure.</summary>
    public string Ip(params string[] args) => Sh.Must("ip", ["-n", Name, .. args]);

    /// <summary>Runs a program inside the namespace.</summary>
    public ShResult Exec(string program, IEnumerable<string> args, TimeSpan? timeout = null, string? stdin = null) =>
        Sh.Run("ip", ["netns", "exec", Name, program, .. args], timeout, stdin);

    /// <summary>Runs a program inside the namespace and throws unless it exits 0.</summary>
    public string Must(string program, params string[] args) =>
        Exec(program, args).EnsureSuccess($"[{Name}] {program} {string.Join(' ', args)}").StdOut;

    /// <summary>Starts a long-running program inside the namespace; it is killed by PID on Dispose.</summary>
    public Process Start(string program, params string[] args)
    {
        var psi = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["netns", "exec", Name, program, .. args])
        {
            psi.ArgumentList.Add(a);
        }

        var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {program}");
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        lock (_processes)
        {
            _processes.Add(p);
        }

        return p;
    }

    /// <summary>Creates a veth pair between two namespaces: <paramref name="a"/> gets aName, <paramref name="b"/> gets bName.</summary>
    public static void Veth(NetNs a, string aName, NetNs b, string bName)
    {
        a.Ip("link", "add", aName, "type", "veth", "peer", "name", bName, "netns", b.Name);
        a.Ip("link", "set", aName, "up");
        b.Ip("link", "set", bName, "up");
    }

    /// <summary>PIDs of every process still running inside the namespace.</summary>
    public IReadOnlyList<int> Pids()
    {
        var r = Sh.Run("ip", ["netns", "pids", Name]);
        return r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s, out var v) ? v : -1).Where(v => v > 0).ToArray();
    }

    /// <summary>Kills what this test started (by PID), then any process left inside, then deletes the namespace.</summary>
    public void Dispose()
    {
        lock (_processes)
        {
            foreach (var p in _processes)
            {
                try
                {
                    if (!p.HasExited)
                    {
                        p.Kill(entireProcessTree: true);
                        p.WaitForExit(5000);
                    }
                }
                catch (InvalidOperationException)
                {
                }

                p.Dispose();
            }

            _processes.Clear();
        }

        foreach (var pid in Pids())
        {
            try
            {
                using var p = Process.GetProcessById(pid);
                p.Kill(entireProcessTree: true);
                p.WaitForExit(5000);
            }
            catch (ArgumentException)
            {
            }
            catch (InvalidOperationException)
            {
            }
        }

        Sh.Run("ip", ["netns", "delete", Name]);
    }
}
