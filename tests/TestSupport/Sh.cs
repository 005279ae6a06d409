using System.Diagnostics;

namespace TestSupport;

/// <summary>Result of a finished external command.</summary>
public sealed record ShResult(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>Throws with the command's output when it did not exit 0.</summary>
    public ShResult EnsureSuccess(string what)
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} exited {ExitCode}: {StdErr.Trim()} {StdOut.Trim()}");
        }

        return this;
    }
}

/// <summary>Runs external programs for test setup (ip, iperf3, wg ...), always with a time limit.</summary>
public static class Sh
{
    /// <summary>Runs a program with an argument array; kills it when the timeout expires.</summary>
    public static ShResult Run(string program, IEnumerable<string> args, TimeSpan? timeout = null, string? stdin = null)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }

        if (!p.WaitForExit(timeout ?? TimeSpan.FromSeconds(30)))
        {
            try
            {
                p.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within {(timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds} s");
        }

        return new ShResult(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs a program and throws unless it exits 0.</summary>
    public static string Must(string program, params string[] args) =>
        Run(program, args).EnsureSuccess($"{program} {string.Join(' ', args)}").StdOut;
}
