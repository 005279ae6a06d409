using System.Net;
using Mesh.Daemon.Ddns;
using WireGuard;

namespace Mesh.Daemon.Tests.Ddns;

public sealed class DdnsServiceTests
{
    [Fact]
    public async Task Watches_every_endpoint_and_publishes_sorted_snapshots()
    {
        var ct = TestContext.Current.CancellationToken;
        var k1 = new Key(Enumerable.Repeat((byte)1, 32).ToArray());
        var k2 = new Key(Enumerable.Repeat((byte)2, 32).ToArray());
        var wg = new FakeControl();
        wg.Peers[k1] = new PeerEndpointState(k1, null, null);
        wg.Peers[k2] = new PeerEndpointState(k2, null, null);
        var dns = new FakeResolver { Next = FakeResolver.Answer(30, "198.51.100.10") };
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);

        var service = new DdnsService(
            [DdnsEndpoint.Create(k2, "wro.mesh.test", 51820, "wro"), DdnsEndpoint.Create(k1, "roz.mesh.test", 51821, "roz")],
            dns, new SerializedControl(wg), time: time);
        await using (service)
        {
            for (var i = 0; i < 500 && service.Snapshot().Any(s => s.Address is null); i++)
            {
                await Task.Delay(10, ct);
            }

            var snaps = service.Snapshot();
            Assert.Equal(["roz", "wro"], snaps.Select(s => s.Label));
            Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.10"), 51821), snaps[0].Endpoint);
            Assert.All(snaps, s => Assert.Equal(TimeSpan.FromSeconds(30), s.TtlLeft));
        }

        Assert.True(service.Completion.IsCompleted);
        Assert.False(service.Completion.IsFaulted);
    }

    /// <summary>The fake is not thread-safe; two watchers call it concurrently.</summary>
    private sealed class SerializedControl(FakeControl inner) : IWireGuardEndpointControl
    {
        private readonly SemaphoreSlim _gate = new(1);

        public async Task<IReadOnlyList<PeerEndpointState>> GetPeersAsync(CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                return await inner.GetPeersAsync(cancellationToken);
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task SetEndpointAsync(Key peer, IPEndPoint endpoint, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                await inner.SetEndpointAsync(peer, endpoint, cancellationToken);
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
