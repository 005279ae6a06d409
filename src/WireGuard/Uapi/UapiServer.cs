using System.Net.Sockets;
using WireGuard.Device;
using WireGuard.Linux;

namespace WireGuard.Uapi;

/// <summary>
/// The cross-platform UAPI endpoint: a Unix stream socket `&lt;dir&gt;/&lt;ifname&gt;.sock` (root only: 0700 directory,
/// socket created under umask 077) serving <see cref="UapiSession"/> per connection, so wg(8) can drive the
/// device. Dispose stops accepting, closes open connections and removes the socket file.
/// </summary>
public sealed class UapiServer : IDisposable
{
    /// <summary>Where wg(8) looks for userspace devices.</summary>
    public const string DefaultDirectory = "/var/run/wireguard";

    private readonly Socket _listener;
    private readonly IWireGuardDevice _device;
    private readonly Action<UapiError>? _onError;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _connections = [];
    private readonly Task _acceptLoop;
    private int _disposed;

    private UapiServer(Socket listener, string path, IWireGuardDevice device, Action<UapiError>? onError)
    {
        _listener = listener;
        SocketPath = path;
        _device = device;
        _onError = onError;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The socket file path.</summary>
    public string SocketPath { get; }

    /// <summary>The socket path for an interface: `&lt;directory&gt;/&lt;ifname&gt;.sock`.</summary>
    public static string PathFor(string interfaceName, string? directory = null) =>
        Path.Combine(directory ?? DefaultDirectory, interfaceName + ".sock");

    /// <summary>
    /// Creates the socket and starts serving. Throws <see cref="IOException"/> when another live process
    /// already serves the same interface (a stale socket file is replaced) or the name is not a valid interface name.
    /// </summary>
    public static UapiServer Start(string interfaceName, IWireGuardDevice device, string? directory = null, Action<UapiError>? onError = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (!Tun.TunName.IsValid(interfaceName))
        {
            throw new ArgumentException($"\"{interfaceName}\" is not a valid interface name (1-15 bytes, no '/', whitespace or ':')", nameof(interfaceName));
        }

        var dir = directory ?? DefaultDirectory;
        Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = PathFor(interfaceName, dir);
        RemoveStale(path);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        var old = Native.Umask(0x3f);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            listener.Listen(16);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        finally
        {
            Native.Umask(old);
        }

        return new UapiServer(listener, path, device, onError);
    }

    private static void RemoveStale(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using (var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                probe.Connect(new UnixDomainSocketEndPoint(path));
                throw new IOException($"{path} is served by another running process; stop it (or delete the interface) first");
            }
            catch (SocketException)
            {
                // nobody listens: a stale file from a crashed process
            }
        }

        File.Delete(path);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket conn;
            try
            {
                conn = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            lock (_connections)
            {
                _connections.Add(conn);
            }

            _ = Task.Run(() => ServeAsync(conn));
        }
    }

    private async Task ServeAsync(Socket conn)
    {
        try
        {
            await using var stream = new NetworkStream(conn, ownsSocket: false);
            await UapiSession.RunAsync(stream, _device, _onError, _stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
        {
            // connection closed or server stopping
        }
        finally
        {
            lock (_connections)
            {
                _connections.Remove(conn);
            }

            conn.Dispose();
        }
    }

    /// <summary>Stops serving and removes the socket file.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        _listener.Dispose();
        lock (_connections)
        {
            foreach (var c in _connections)
            {
                c.Dispose();
            }
        }

        try
        {
            _acceptLoop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }

        try
        {
            File.Delete(SocketPath);
        }
        catch (IOException)
        {
        }

        _stop.Dispose();
    }
}
