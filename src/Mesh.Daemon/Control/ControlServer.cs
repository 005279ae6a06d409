using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Mesh.Control;
using Mesh.Daemon.Hosting;
using Mesh.Daemon.Reconcile;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesh.Daemon.Control;

/// <summary>Supplies the rows of `meshctl peers` (WireGuard counters, DNS state, BGP state).</summary>
public interface IPeerReportSource
{
    /// <summary>The current peer rows.</summary>
    Task<PeersReport> GetPeersAsync(CancellationToken cancellationToken);
}

/// <summary>
/// The control socket: a Unix stream socket (mode 0660, directory 0750: root or the meshd group) speaking
/// the line-delimited JSON protocol of <see cref="ControlProtocol"/>.
/// </summary>
public sealed partial class ControlServer : BackgroundService
{
    private readonly DaemonOptions _options;
    private readonly DaemonState _state;
    private readonly ReconcileQueue _queue;
    private readonly IPeerReportSource _peers;
    private readonly Doctor _doctor;
    private readonly ILogger<ControlServer> _log;

    /// <summary>Creates the server.</summary>
    public ControlServer(DaemonOptions options, DaemonState state, ReconcileQueue queue, IPeerReportSource peers, Doctor doctor, ILogger<ControlServer> log)
    {
        _doctor = doctor;
        _options = options;
        _state = state;
        _queue = queue;
        _peers = peers;
        _log = log;
    }

    /// <summary>The build's version string.</summary>
    public static string BuildVersion => typeof(ControlServer).Assembly.GetName().Version?.ToString(3) ?? "0";

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var path = _options.Socket;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(dir))
        {
            // Only a directory meshd creates gets 0750; an existing one (/run, /tmp, a lab folder) keeps its mode.
            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        }

        if (File.Exists(path))
        {
            if (IsListening(path))
            {
                throw new InvalidOperationException($"another meshd is already listening on {path}: stop it first, or give this one its own --socket");
            }

            File.Delete(path); // left behind by a meshd that was killed
        }

        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        listener.Listen(16);
        LogListening(path);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var client = await listener.AcceptAsync(stoppingToken);
                _ = ServeAsync(client, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        using var _ = client;
        await using var stream = new NetworkStream(client, ownsSocket: false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            for (var i = 0; i < 64; i++)
            {
                var line = await reader.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    return;
                }

                var response = await HandleAsync(line, timeout.Token);
                await writer.WriteLineAsync(JsonSerializer.Serialize(response, ControlJsonContext.Default.ControlResponse));
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
        {
        }
    }

    /// <summary>Answers one request line (public for tests). A command that fails is answered with its error, never with a dropped connection.</summary>
    public async Task<ControlResponse> HandleAsync(string line, CancellationToken cancellationToken)
    {
        try
        {
            return await DispatchAsync(line, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogCommandFailed(e.GetType().Name, e.Message);
            return Error($"meshd failed to answer: {e.Message}; see journalctl -u meshd");
        }
    }

    private static bool IsListening(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task<ControlResponse> DispatchAsync(string line, CancellationToken cancellationToken)
    {
        ControlRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(line, ControlJsonContext.Default.ControlRequest);
        }
        catch (JsonException e)
        {
            return Error($"malformed request: {e.Message}");
        }

        if (request is null)
        {
            return Error("empty request");
        }

        if (request.Version != ControlProtocol.Version)
        {
            return Error($"protocol version {request.Version} is not supported (meshd speaks {ControlProtocol.Version}); use a meshctl of the same release");
        }

        switch (request.Command)
        {
            case "status":
                return new ControlResponse(ControlProtocol.Version, true, null, Status: _state.Snapshot(BuildVersion));
            case "peers":
                return new ControlResponse(ControlProtocol.Version, true, null, Peers: await _peers.GetPeersAsync(cancellationToken));
            case "doctor":
                return new ControlResponse(ControlProtocol.Version, true, null, Doctor: await _doctor.ExamineAsync(cancellationToken));
            case "apply":
                _queue.Enqueue("meshctl apply");
                return new ControlResponse(ControlProtocol.Version, true, null, Status: _state.Snapshot(BuildVersion));
            default:
                return Error($"unknown command '{request.Command}' (status, peers, doctor, apply)");
        }
    }

    private static ControlResponse Error(string message) => new(ControlProtocol.Version, false, message);

    [LoggerMessage(20, LogLevel.Information, "control socket listening on {Path}")]
    private partial void LogListening(string path);

    [LoggerMessage(21, LogLevel.Warning, "control command failed: {Type}: {Message}")]
    private partial void LogCommandFailed(string type, string message);
}
