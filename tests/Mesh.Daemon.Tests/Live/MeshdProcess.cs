using System.Diagnostics;
using System.Text;
using TestSupport;

namespace Mesh.Daemon.Tests.Live;

/// <summary>The real meshd started inside a namespace (ip netns exec replaces itself, so the PID is meshd's); killed by PID on dispose.</summary>
internal sealed class MeshdProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private MeshdProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The meshd build to run: the one beside the tests (same configuration), else the published one.</summary>
    public static (string Program, string[] Prefix) Locate()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "meshd.dll");
        if (File.Exists(beside))
        {
            return ("dotnet", [beside]);
        }

        var published = Repo.Path(".build", "meshd", "meshd");
        Assert.SkipUnless(File.Exists(published), $"no meshd build found ({beside}, {published}); run scripts/setup");
        return (published, []);
    }

    public static MeshdProcess Start(NetNs ns, params string[] args)
    {
        var (program, prefix) = Locate();
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["netns", "exec", ns.Name, program, .. prefix, .. args])
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start meshd");
        var m = new MeshdProcess(p);
        p.OutputDataReceived += (_, e) => m.Append(e.Data);
        p.ErrorDataReceived += (_, e) => m.Append(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return m;
    }

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
