using System.Diagnostics;

namespace Mesh.Cli.Lab;

/// <summary>Runs the lab's helper programs (ip, knotd, vtysh, ping ...) with argument arrays and a time limit.</summary>
public static class LabShell
{
    /// <summary>The result of a finished command.</summary>
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    /// <summary>Runs a program; kills it (and its children) when the time limit passes.</summary>
    public static Result Run(string program, IReadOnlyList<string> args, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new LabException($"cannot start {program}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit(2000);
            return new Result(124, stdout.Result, $"timed out after {limit.TotalSeconds:0} s");
        }

        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs a program and throws a <see cref="LabException"/> unless it exits 0.</summary>
    public static string Must(string program, params string[] args)
    {
        var r = Run(program, args);
        return r.ExitCode == 0
            ? r.StdOut
            : throw new LabException($"{program} {string.Join(' ', args)} failed ({r.ExitCode}): {r.StdErr.Trim()}");
    }

    /// <summary>Runs a program inside a namespace.</summary>
    public static Result In(string ns, string program, IReadOnlyList<string> args, TimeSpan? timeout = null) =>
        Run("ip", ["netns", "exec", ns, program, .. args], timeout);

    /// <summary>Runs a program inside a namespace and throws unless it exits 0.</summary>
    public static string MustIn(string ns, string program, params string[] args) => Must("ip", ["netns", "exec", ns, program, .. args]);

    /// <summary>Starts a long-running program inside a namespace, detached from this process (stdout/stderr to a log file); returns its PID.</summary>
    public static int Spawn(string ns, string logFile, string program, params string[] args)
    {
        // setsid + nohup through sh so the process outlives meshctl; its PID is written back on stdout.
        var quoted = string.Join(' ', new[] { "ip", "netns", "exec", ns, program }.Concat(args).Select(Quote));
        var r = Run("sh", ["-c", $"setsid nohup {quoted} >{Quote(logFile)} 2>&1 < /dev/null & echo $!"]);
        return r.ExitCode == 0 && int.TryParse(r.StdOut.Trim(), out var pid)
            ? pid
            : throw new LabException($"cannot start {program} in {ns}: {r.StdErr.Trim()}");
    }

    /// <summary>Single-quotes a shell word.</summary>
    public static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>True when the process is alive.</summary>
    public static bool Alive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, wait up to <paramref name="grace"/>, then SIGKILL.</summary>
    public static void Stop(int pid, TimeSpan grace)
    {
        if (!Alive(pid))
        {
            return;
        }

        Run("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var deadline = DateTime.UtcNow + grace;
        while (DateTime.UtcNow < deadline && Alive(pid))
        {
            Thread.Sleep(100);
        }

        if (Alive(pid))
        {
            Run("kill", ["-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
    }
}

/// <summary>A lab step failed; the message says which and why.</summary>
public sealed class LabException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LabException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public LabException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public LabException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
