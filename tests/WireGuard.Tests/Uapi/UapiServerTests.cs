using System.Net.Sockets;
using System.Text;
using WireGuard.Device;
using WireGuard.Uapi;

namespace WireGuard.Tests.Uapi;

public sealed class UapiServerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "uapi-test-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static async Task<string> RequestAsync(Socket s, string request)
    {
        await s.SendAsync(Encoding.ASCII.GetBytes(request));
        var sb = new StringBuilder();
        var buf = new byte[4096];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!sb.ToString().EndsWith("\n\n", StringComparison.Ordinal) || !sb.ToString().Contains("errno=", StringComparison.Ordinal))
        {
            var n = await s.ReceiveAsync(buf, cts.Token);
            if (n == 0)
            {
                break;
            }

            sb.Append(Encoding.ASCII.GetString(buf, 0, n));
        }

        return sb.ToString();
    }

    private Socket Connect(UapiServer server)
    {
        var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        s.Connect(new UnixDomainSocketEndPoint(server.SocketPath));
        return s;
    }

    [Fact]
    public async Task Several_requests_on_one_connection_and_bad_ones_do_not_break_it()
    {
        var dev = new FakeDevice { Status = new DeviceStatus(null, null, 51820, 0, []) };
        var errors = new List<UapiError>();
        using var server = UapiServer.Start("wgt0", dev, _dir, e => { lock (errors) { errors.Add(e); } });
        using var s = Connect(server);

        Assert.Equal("listen_port=51820\nerrno=0\n\n", await RequestAsync(s, "get=1\n\n"));
        Assert.Equal("errno=-22\n\n", await RequestAsync(s, "set=1\nlisten_port=99999\nfwmark=1\n\n"));
        Assert.Empty(dev.Applied);
        Assert.Equal("errno=-71\n\n", await RequestAsync(s, "set=1\nnonsense\n\n"));
        Assert.Equal("errno=0\n\n", await RequestAsync(s, "set=1\nfwmark=5\n\n"));
        Assert.Equal(5u, Assert.Single(dev.Applied).Fwmark);
        Assert.Equal("listen_port=51820\nerrno=0\n\n", await RequestAsync(s, "get=1\n\n"));
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public async Task Device_refusals_map_to_negative_errno()
    {
        var dev = new FakeDevice { Refuse = new WireGuardConfigException(98, "port in use") };
        using var server = UapiServer.Start("wgt1", dev, _dir);
        using var s = Connect(server);
        Assert.Equal("errno=-98\n\n", await RequestAsync(s, "set=1\nlisten_port=1\n\n"));
        dev.Refuse = null;
        Assert.Equal("errno=0\n\n", await RequestAsync(s, "set=1\nlisten_port=2\n\n"));
    }

    [Fact]
    public async Task Unknown_operation_gets_eproto_and_the_server_keeps_serving()
    {
        var dev = new FakeDevice();
        using var server = UapiServer.Start("wgt2", dev, _dir);
        using (var s = Connect(server))
        {
            Assert.Equal("errno=-71\n\n", await RequestAsync(s, "frobnicate=1\n\n"));
        }

        using (var s = Connect(server))
        {
            Assert.Equal("errno=-22\n\n", await RequestAsync(s, "get=1\nx\n"));
            Assert.Equal("errno=0\n\n", await RequestAsync(s, "get=1\n\n"));
        }

        using (var s = Connect(server))
        {
            Assert.Equal("errno=-71\n\n", await RequestAsync(s, "set=1\n" + new string('x', 5000) + "\n\n"));
        }
    }

    [Fact]
    public void Socket_is_root_only_replaces_a_stale_file_and_is_removed_on_dispose()
    {
        var path = UapiServer.PathFor("wgt3", _dir);
        using (UapiServer.Start("wgt3", new FakeDevice(), _dir))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path) & ~UnixFileMode.UserExecute);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_dir));
        }

        File.WriteAllText(path, "stale");
        var server = UapiServer.Start("wgt3", new FakeDevice(), _dir);
        Assert.Throws<IOException>(() => UapiServer.Start("wgt3", new FakeDevice(), _dir));
        server.Dispose();
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("0123456789abcdef")]
    [InlineData("..")]
    public void Invalid_interface_names_are_refused(string name) =>
        Assert.Throws<ArgumentException>(() => UapiServer.Start(name, new FakeDevice(), _dir));
}
