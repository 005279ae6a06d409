using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using TestSupport;

namespace WireGuard.Tests.Linux;

/// <summary>Sends a few MB of random bytes over TCP between two namespaces and compares SHA-256 at both ends.</summary>
internal static class TcpCheck
{
    public static void Transfer(string serverNs, IPAddress serverAddr, string clientNs, int bytes, int port = 5555)
    {
        var data = RandomNumberGenerator.GetBytes(bytes);
        using var listener = InNamespace.Run(serverNs, () =>
        {
            var l = new Socket(serverAddr.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            l.Bind(new IPEndPoint(serverAddr, port));
            l.Listen(1);
            return l;
        });
        using var client = InNamespace.Run(clientNs, () => new Socket(serverAddr.AddressFamily, SocketType.Stream, ProtocolType.Tcp));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var receive = Task.Run(async () =>
        {
            using var conn = await listener.AcceptAsync(cts.Token);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buf = new byte[65536];
            long total = 0;
            int n;
            while ((n = await conn.ReceiveAsync(buf, cts.Token)) > 0)
            {
                sha.AppendData(buf, 0, n);
                total += n;
            }

            return (total, sha.GetHashAndReset());
        });
        client.ConnectAsync(new IPEndPoint(serverAddr, port), cts.Token).AsTask().Wait(cts.Token);
        for (var sent = 0; sent < data.Length;)
        {
            sent += client.SendAsync(data.AsMemory(sent), cts.Token).AsTask().GetAwaiter().GetResult();
        }

        client.Shutdown(SocketShutdown.Send);
        var (got, hash) = receive.GetAwaiter().GetResult();
        Assert.Equal(bytes, got);
        Assert.Equal(SHA256.HashData(data), hash);
    }
}
