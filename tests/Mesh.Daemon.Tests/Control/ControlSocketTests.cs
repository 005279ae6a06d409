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

    public ControlSocketTests()
    {
        _h = new ControlHarness(_time, new FakeSubsystem("wireguard"));
        _h.Loop.Options.Socket = Path.Combine(_h.Loop.Dir, "run", "meshd.sock"); // a directory meshd creates itself
    }

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
    public void The_socket_and_the_directory_meshd_created_are_for_root_and_the_meshd_group_only()
    {
        var mode = File.GetUnixFileMode(Socket);
        Assert.Equal(UnixFileMode.None, mode & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute));
        Assert.Equal((UnixFileMode)0b111_101_000, File.GetUnixFileMode(Path.GetDirectoryName(Socket)!));
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

    [Fact]
    public async Task A_second_meshd_on_the_same_socket_refuses_and_leaves_the_first_one_serving()
    {
        using var second = new ControlHarness(_time);
        second.Loop.Options.Socket = Socket;

        // StartAsync may run ExecuteAsync inline (and throw) or in the background (ExecuteTask faults): either way it fails.
        var e = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await second.Server.StartAsync(Ct);
            await second.Server.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        });

        Assert.Contains($"another meshd is already listening on {Socket}", e.Message, StringComparison.Ordinal);
        Assert.Equal("roz1", ControlClient.Send(Socket, "status").Status!.Node);
    }

    [Fact]
    public async Task A_socket_in_an_existing_directory_leaves_that_directorys_mode_alone()
    {
        using var other = new ControlHarness(_time);
        var shared = Path.Combine(other.Loop.Dir, "shared-tmp");
        Directory.CreateDirectory(shared);
        var sticky = UnixFileMode.StickyBit | (UnixFileMode)0b111_111_111;
        File.SetUnixFileMode(shared, sticky);
        other.Loop.Options.Socket = Path.Combine(shared, "meshd.sock");

        await other.Server.StartAsync(Ct);
        try
        {
            for (var i = 0; i < 100 && !File.Exists(other.Loop.Options.Socket); i++)
            {
                await Task.Delay(20, Ct);
            }

            Assert.Equal("roz1", ControlClient.Send(other.Loop.Options.Socket, "status").Status!.Node);
            Assert.Equal(sticky, File.GetUnixFileMode(shared));
        }
        finally
        {
            await other.Server.StopAsync(CancellationToken.None);
        }
    }
}
