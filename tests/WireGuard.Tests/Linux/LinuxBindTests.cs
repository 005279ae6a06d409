using System.Net.Sockets;
using TestSupport;
using WireGuard.Conn;
using WireGuard.Linux;

namespace WireGuard.Tests.Linux;

public sealed class LinuxBindTests
{
    private static byte[][] Buffers(int n) => Enumerable.Range(0, n).Select(_ => new byte[65536]).ToArray();

    private static void ReceiveAll(LinuxBind bind, List<(byte[] Data, UdpEndpoint From)> into, int want)
    {
        var bufs = Buffers(bind.BatchSize);
        var sizes = new int[bufs.Length];
        var eps = new UdpEndpoint[bufs.Length];
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (into.Count < want && DateTime.UtcNow < deadline)
        {
            var n = bind.Receive(bufs, sizes, eps);
            for (var i = 0; i < n; i++)
            {
                into.Add((bufs[i].AsSpan(0, sizes[i]).ToArray(), eps[i]));
            }
        }
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task A_batch_of_equal_datagrams_arrives_in_order_with_the_sender_endpoint(string loopback)
    {
        Privileged.RequireRoot();
        using var ns = NetNs.Create("wgb");
        using var a = InNamespace.Run(ns.Name, () => new LinuxBind());
        using var b = InNamespace.Run(ns.Name, () => new LinuxBind());
        var pa = InNamespace.Run(ns.Name, () => a.Open(0));
        var pb = InNamespace.Run(ns.Name, () => b.Open(0));
        Assert.NotEqual(0, pa);
        Assert.True(b.GroEnabled);
        Assert.True(b.ReceiveBufferBytes >= LinuxBind.SocketBuffer);
        UdpEndpoint.TryParse(loopback.Contains(':', StringComparison.Ordinal) ? $"[{loopback}]:{pb}" : $"{loopback}:{pb}", out var to);

        const int count = 300; // more than one send area (256 KiB) and more than one receive batch
        var bufs = Buffers(count);
        var sizes = new int[count];
        for (var i = 0; i < count; i++)
        {
            sizes[i] = i == count - 1 ? 300 : 1452;
            bufs[i][16] = (byte)i;
            bufs[i][16 + sizes[i] - 1] = (byte)(255 - i);
        }

        var got = new List<(byte[] Data, UdpEndpoint From)>();
        var rx = Task.Run(() => ReceiveAll(b, got, count), TestContext.Current.CancellationToken);
        a.Send(bufs, 16, sizes, count, to);
        await rx.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

        Assert.Equal(count, got.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(sizes[i], got[i].Data.Length);
            Assert.Equal((byte)i, got[i].Data[0]);
            Assert.Equal((byte)(255 - i), got[i].Data[^1]);
            Assert.Equal(pa, got[i].From.Port);
            Assert.Equal(to.IsV6, got[i].From.IsV6);
        }

        Assert.True(a.GsoEnabled);
        Assert.Equal(0, a.SendErrors);
    }

    [Fact]
    public async Task A_port_in_use_is_a_socket_exception_and_close_unblocks_receive()
    {
        Privileged.RequireRoot();
        using var ns = NetNs.Create("wgb");
        using var a = InNamespace.Run(ns.Name, () => new LinuxBind());
        using var b = InNamespace.Run(ns.Name, () => new LinuxBind());
        var port = InNamespace.Run(ns.Name, () => a.Open(0));
        var e = InNamespace.Run(ns.Name, () => Record.Exception(() => b.Open(port)));
        Assert.Equal(SocketError.AddressAlreadyInUse, Assert.IsType<SocketException>(e).SocketErrorCode);

        a.SetMark(0x1234);
        var bufs = Buffers(4);
        var rx = Task.Run(() => a.Receive(bufs, new int[4], new UdpEndpoint[4]), TestContext.Current.CancellationToken);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        a.Close();
        Assert.Equal(0, await rx.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        // the port is free again; a child process another test forks at this moment holds a copy of the socket until it
        // execs (close-on-exec), so allow a short while before calling it taken
        for (var i = 0; i < 40 && InNamespace.Run(ns.Name, () => Record.Exception(() => b.Open(port))) is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(port, InNamespace.Run(ns.Name, () => b.Open(port)));
    }
}
