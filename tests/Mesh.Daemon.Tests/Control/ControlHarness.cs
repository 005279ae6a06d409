using Mesh.Control;
using Mesh.Daemon.Control;
using Mesh.Daemon.Subsystems;
using Mesh.Daemon.Tests.Reconcile;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesh.Daemon.Tests.Control;

/// <summary>Peer rows fixed by the test.</summary>
internal sealed class FixedPeers(PeersReport report) : IPeerReportSource
{
    public Task<PeersReport> GetPeersAsync(CancellationToken cancellationToken) => Task.FromResult(report);
}

/// <summary>A peer source that breaks (FRR or the device threw).</summary>
internal sealed class BrokenPeers : IPeerReportSource
{
    public Task<PeersReport> GetPeersAsync(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("netlink dump interrupted");
}

/// <summary>A control server over a loop harness (nothing reconciled unless the test runs a pass).</summary>
internal sealed class ControlHarness : IDisposable
{
    public static readonly PeersReport SomePeers = new("roz1",
    [
        new PeerReport("wro1", "wro", "BMf1oANPdS7HqNlVTLewbr+CFvK3P3qNA/GIeyb2fj8=", "wro.lab.example.net:51820", "192.0.2.2:51820",
            null, 240, null, null, 1000, 2000, "Established", "5m", 3, 1370),
    ]);

    public ControlHarness(TimeProvider time, params Reconcile.FakeSubsystem[] subsystems)
        : this(time, new FixedPeers(SomePeers), subsystems)
    {
    }

    public ControlHarness(TimeProvider time, IPeerReportSource peers, params Reconcile.FakeSubsystem[] subsystems)
    {
        Loop = new LoopHarness(LoopHarness.Lab, "roz1", time, subsystems);
        var wg = new WireGuardSubsystem(Loop.Options, Loop.State, NullLoggerFactory.Instance);
        Ddns = new DdnsSubsystem(wg, NullLoggerFactory.Instance);
        var frr = new FrrSubsystem(Loop.Options, new LinksSubsystem(), NullLoggerFactory.Instance);
        var doctor = new Doctor(Loop.Loop, Loop.State, wg, Ddns, frr, new SdnSubsystem(Loop.Options, Loop.State, NullLoggerFactory.Instance),
            new FirewallSubsystem(Loop.State, NullLoggerFactory.Instance), new Mesh.Daemon.Probe.PathMtuProber(new Mesh.Daemon.Probe.IcmpEchoProbe(), time));
        Server = new ControlServer(Loop.Options, Loop.State, Loop.Queue, peers, doctor, NullLogger<ControlServer>.Instance);
    }

    public LoopHarness Loop { get; }

    public DdnsSubsystem Ddns { get; }

    public ControlServer Server { get; }

    public void Dispose()
    {
        Server.Dispose();
        Ddns.Dispose();
        Loop.Dispose();
    }
}
