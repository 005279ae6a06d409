using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using TestSupport;

namespace Mesh.Daemon.Tests.Ddns;

/// <summary>
/// A real authoritative DNS server (Knot DNS) for zone <c>mesh.test.</c> on 127.0.0.1 at a free port, run
/// from a temp directory, stopped by PID. <see cref="SetRecords"/> rewrites the zone (serial + 1) and reloads
/// it synchronously; <see cref="Stop"/>/<see cref="Start"/> take the server down and back up on the same port.
/// </summary>
internal sealed class KnotServer : IDisposable
{
    public const string Zone = "mesh.test";
    private readonly string _dir;
    private int _serial;
    private string _records;
    private Process? _process;

    private KnotServer(string records)
    {
        _dir = Directory.CreateTempSubdirectory("ddknot").FullName;
        Directory.CreateDirectory(Path.Combine(_dir, "db"));
        _records = records;
        Endpoint = new IPEndPoint(IPAddress.Loopback, FreePort());
        File.WriteAllText(Path.Combine(_dir, "knot.conf"), $"""
            server:
                rundir: "{_dir}"
                listen: 127.0.0.1@{Endpoint.Port}
                background-workers: 1
                udp-workers: 1
                tcp-workers: 1
            log:
              - target: stderr
                any: warning
            database:
                storage: "{_dir}/db"
            template:
              - id: default
                storage: "{_dir}"
                zonefile-sync: -1
                zonefile-load: whole
                journal-content: none
            zone:
              - domain: {Zone}
                file: "{Zone}.zone"
            """);
        WriteZone();
    }

    /// <summary>Where the server listens (UDP and TCP).</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>Starts a server; <paramref name="records"/> are zone-file lines relative to mesh.test.</summary>
    public static KnotServer Run(string records)
    {
        Privileged.RequireTools("knotd", "knotc");
        var s = new KnotServer(records);
        try
        {
            s.Start();
            return s;
        }
        catch
        {
            s.Dispose();
            throw;
        }
    }

    /// <summary>Replaces the records and reloads the zone (returns once the new serial is served).</summary>
    public void SetRecords(string records)
    {
        _records = records;
        WriteZone();
        Sh.Run("knotc", ["-c", Conf, "-b", "-t", "5", "zone-reload", Zone], TimeSpan.FromSeconds(10))
            .EnsureSuccess("knotc zone-reload");
    }

    /// <summary>Starts knotd (again) and waits until it answers.</summary>
    public void Start()
    {
        var psi = new ProcessStartInfo(Privileged.Which("knotd")!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Conf);
        _process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start knotd");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"knotd exited with {_process.ExitCode}; config in {_dir}");
            }

            if (Sh.Run("knotc", ["-c", Conf, "-t", "1", "zone-status", Zone], TimeSpan.FromSeconds(5)).ExitCode == 0)
            {
                return;
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException("knotd did not come up within 10 s");
    }

    /// <summary>Kills the server (by PID); queries then get "connection refused".</summary>
    public void Stop()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill();
            p.WaitForExit(5000);
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Conf => Path.Combine(_dir, "knot.conf");

    private void WriteZone()
    {
        _serial++;
        var zone = $"""
            $ORIGIN {Zone}.
            $TTL 60
            @ SOA ns admin {_serial.ToString(CultureInfo.InvariantCulture)} 60 60 60 2
            @ NS ns
            ns A 127.0.0.1
            {_records}

            """;
        var tmp = Path.Combine(_dir, $"{Zone}.zone.tmp");
        File.WriteAllText(tmp, zone);
        File.Move(tmp, Path.Combine(_dir, $"{Zone}.zone"), overwrite: true);
    }

    private static int FreePort()
    {
        for (var i = 0; i < 50; i++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            try
            {
                using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException("no free port on 127.0.0.1");
    }
}
