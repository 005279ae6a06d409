using System.Diagnostics;
using TestSupport;

namespace WireGuard.Tests.Interop;

/// <summary>
/// One WireGuard endpoint of an interop test: a namespace with an underlay veth, a userspace daemon serving
/// its UAPI socket, and the tunnel interface configured with wg(8). Disposing stops the daemon (SIGTERM, then
/// kill), removes the socket file and the namespace.
/// </summary>
internal sealed class WgNode : IDisposable
{
    private static int _counter;
    private readonly string _keyDir;
    private Process? _daemon;

    public WgNode(NetNs ns, WgImpl impl, string tunnelAddr)
    {
        Ns = ns;
        Impl = impl;
        Program = WgImplPaths.Require(impl);
        TunnelAddr = tunnelAddr;
        Interface = $"wgi{Environment.ProcessId % 10000}n{Interlocked.Increment(ref _counter)}";
        _keyDir = Directory.CreateTempSubdirectory("wgi-keys-").FullName;
        PrivateKey = Sh.Must("wg", "genkey").Trim();
        PublicKey = Sh.Run("wg", ["pubkey"], stdin: PrivateKey + "\n").EnsureSuccess("wg pubkey").StdOut.Trim();
        File.WriteAllText(KeyFile, PrivateKey + "\n");
        File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public NetNs Ns { get; }

    public WgImpl Impl { get; }

    public string Program { get; }

    public string Interface { get; }

    public string TunnelAddr { get; }

    public string PrivateKey { get; }

    public string PublicKey { get; }

    public string KeyFile => Path.Combine(_keyDir, "private");

    public string SocketPath => $"/var/run/wireguard/{Interface}.sock";

    public int Pid => _daemon?.Id ?? 0;

    /// <summary>Starts the daemon in the foreground and waits (at most 15 s) for its socket and interface.</summary>
    public void Start()
    {
        _daemon = Ns.Start("env", "LOG_LEVEL=verbose", Program, "-f", Interface);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(SocketPath) && Ns.Exec("ip", ["link", "show", Interface]).ExitCode == 0)
            {
                return;
            }

            if (_daemon.HasExited)
            {
                throw new InvalidOperationException($"{Program} -f {Interface} exited {_daemon.ExitCode} before creating its socket");
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException($"{Program} did not create {SocketPath} within 15 s");
    }

    /// <summary>Configures the tunnel address, MTU 1420 and brings the link up.</summary>
    public void Up(int listenPort)
    {
        Wg("set", Interface, "private-key", KeyFile, "listen-port", listenPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Ns.Ip("addr", "add", TunnelAddr, "dev", Interface);
        Ns.Ip("link", "set", Interface, "mtu", "1420", "up");
    }

    /// <summary>Runs wg(8) inside the namespace and returns stdout.</summary>
    public string Wg(params string[] args) => Ns.Must("wg", args);

    /// <summary>Runs wg(8) inside the namespace without checking its exit code.</summary>
    public ShResult TryWg(params string[] args) => Ns.Exec("wg", args);

    /// <summary>Pings inside the namespace; true when at least one reply came back.</summary>
    public bool Ping(string target, int count = 3, string? source = null)
    {
        string[] args = source is null ? ["-c", $"{count}", "-W", "1", "-i", "0.2", target] : ["-c", $"{count}", "-W", "1", "-i", "0.2", "-I", source, target];
        return Ns.Exec("ping", args, TimeSpan.FromSeconds(count + 5)).ExitCode == 0;
    }

    /// <summary>Stops the daemon with SIGTERM (SIGKILL after 5 s) and waits for it.</summary>
    public void Stop()
    {
        if (_daemon is null)
        {
            return;
        }

        if (!_daemon.HasExited)
        {
            Sh.Run("kill", ["-TERM", _daemon.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            if (!_daemon.WaitForExit(5000))
            {
                _daemon.Kill();
                _daemon.WaitForExit(5000);
            }
        }

        _daemon = null;
    }

    public void Dispose()
    {
        Stop();
        File.Delete(SocketPath);
        Directory.Delete(_keyDir, recursive: true);
    }
}
