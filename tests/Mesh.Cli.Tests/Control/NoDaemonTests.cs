using TestSupport;

namespace Mesh.Cli.Tests.Control;

public sealed class NoDaemonTests : IDisposable
{
    private readonly CliRunner.TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("status")]
    [InlineData("peers")]
    [InlineData("doctor")]
    [InlineData("apply")]
    public void Without_a_socket_every_daemon_command_says_meshd_is_not_running(string command)
    {
        var socket = _dir.File("meshd.sock");

        var (code, output, error) = CliRunner.Run(command, "--socket", socket);

        Assert.Equal(Cli.Usage, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"meshctl: meshd is not running (no listener on {socket})", error, StringComparison.Ordinal);
        Assert.Contains("systemctl start meshd", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stale_socket_left_by_a_crashed_meshd_says_the_same()
    {
        var socket = _dir.File("stale.sock");
        // .NET unlinks a socket it bound on dispose; python leaves the file behind like a killed meshd would.
        Privileged.RequireTools("python3");
        Sh.Run("python3", ["-c", "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])", socket]).EnsureSuccess("python3 bind");
        Assert.True(File.Exists(socket));

        var (code, _, error) = CliRunner.Run("status", "--socket", socket, "--json");

        Assert.Equal(Cli.Usage, code);
        Assert.StartsWith("meshctl: meshd is not running", error, StringComparison.Ordinal);
    }
}
