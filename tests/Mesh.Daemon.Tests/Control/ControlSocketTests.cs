using System.Net.Sockets;
using System.Text;
using Mesh.Cli.Control;
using Mesh.Control;
using Mesh.Daemon.Tests.Ddns;
using Mesh.Daemon.Tests.Reconcile;

namespace Mesh.Daemon.Tests.Control;

public sealed class ControlSocketTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ControlHarness _h;

    public ControlSocketTests() => _h = new ControlHarness(_time, new FakeSubsystem("wireguard"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Socket => _h.Loop.Options.Socket;

    public async ValueTask InitializeAsync()
    {
        await _h.Loop.Loop.PassAsync(["startup"], Ct);
        await _h.Server.StartAsync(Ct);
        for (var i = 0; i < 100 && !File.Exists(Socket); i++)
        {
            await Task.Delay(20, Ct);
        }

        Assert.True(File.Exists(Socket), $"meshd's control socket {Socket} did not appear within 2 s");
    }

    public async ValueTask DisposeAsync()
    {
        await _h.Server.StopAsync(CancellationToken.None);
        _h.Dispose();
    }

    [Fact]
    public void ControlClient_gets_status_and_peers_over_the_socket()
    {
        var status = ControlClient.Send(Socket, "status").Status!;
        var peers = ControlClient.Send(Socket, "peers").Peers!;

        Assert.Equal(("roz1", "roz", 1L), (status.Node, status.Site, status.Reconciles));
        Assert.Equal(Health.Healthy, Assert.Single(status.Subsystems).Health);
        Assert.Equal(ControlHarness.SomePeers.Peers, peers.Peers);
    }

    [Fact]
    public void The_socket_is_for_root_and_the_meshd_group_only()
    {
        var mode = File.GetUnixFileMode(Socket);
        Assert.Equal(UnixFileMode.None, mode & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute));
        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(Path.GetDirectoryName(Socket)!) & UnixFileMode.OtherExecute);
    }

    [Fact]
    public void An_error_answer_becomes_a_ControlException_with_meshds_message()
    {
        var e = Assert.Throws<ControlException>(() => ControlClient.Send(Socket, "reboot"));
        Assert.Equal("meshd: unknown command 'reboot' (status, peers, doctor, apply)", e.Message);
    }

    [Fact]
    public async Task Several_requests_on_one_connection_get_one_answer_line_each()
    {
        using var client = new System.Net.Sockets.Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await client.ConnectAsync(new UnixDomainSocketEndPoint(Socket), Ct);
        await using var stream = new NetworkStream(client, ownsSocket: false);
        await stream.WriteAsync(Encoding.UTF8.GetBytes("{\"v\":1,\"command\":\"status\"}\n{garbage\n{\"v\":1,\"command\":\"peers\"}\n"), Ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            lines.Add(await reader.ReadLineAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(5), Ct) ?? "<closed>");
        }

        Assert.StartsWith("{\"v\":1,\"ok\":true,\"status\":", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("{\"v\":1,\"ok\":false,\"error\":\"malformed request", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("{\"v\":1,\"ok\":true,\"peers\":", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_the_server_removes_the_socket_and_clients_are_told_meshd_is_not_running()
    {
        await _h.Server.StopAsync(Ct);

        Assert.False(File.Exists(Socket));
        var e = Assert.Throws<ControlException>(() => ControlClient.Send(Socket, "status"));
        Assert.StartsWith("meshd is not running", e.Message, StringComparison.Ordinal);
    }
}
