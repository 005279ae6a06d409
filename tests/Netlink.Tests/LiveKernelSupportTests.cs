using Netlink.Generic;
using Netlink.Rtnl;
using Netlink.WireGuard;
using TestSupport;

namespace Netlink.Tests;

/// <summary>What this kernel lacks is reported as such (this machine has neither WireGuard nor VRF).</summary>
public sealed class LiveKernelSupportTests
{
    [Fact]
    public void Wireguard_family_lookup_reports_not_available()
    {
        Privileged.RequireRoot();
        Assert.SkipWhen(File.Exists("/sys/module/wireguard/initstate"), "this kernel has the wireguard module; the fallback path is not exercised here");
        using var ns = NetNs.Create("nl");

        Assert.False(KernelWireGuard.IsAvailable(ns.Name));
        using var s = NetlinkSocket.Open(NetlinkProtocol.Generic, ns.Name);
        Assert.Null(GenericNetlink.TryResolve(s, "wireguard"));
        var ex = Assert.Throws<NotSupportedByKernelException>(() => KernelWireGuard.Open(ns.Name));
        Assert.Contains("not available", ex.Message, StringComparison.Ordinal);

        // The controller itself resolves, so the lookup path is real.
        var ctrl = GenericNetlink.Resolve(s, "nlctrl");
        Assert.Equal(GenericNetlink.ControllerId, ctrl.Id);
    }

    [Fact]
    public void Creating_wireguard_or_vrf_links_reports_not_supported_by_this_kernel()
    {
        Privileged.RequireRoot();
        Assert.SkipWhen(File.Exists("/sys/module/wireguard/initstate") || File.Exists("/sys/module/vrf/initstate"), "this kernel supports wireguard/vrf");
        using var ns = NetNs.Create("nl");
        using var rt = RtnlClient.Open(ns.Name);

        var wg = Assert.Throws<NotSupportedByKernelException>(() => rt.CreateLink(new LinkSpec("wg0", new WireGuardKind())));
        Assert.Contains("no 'wireguard' module; use the userspace dataplane", wg.Message, StringComparison.Ordinal);
        Assert.Equal("Unknown device type", wg.KernelMessage);

        var vrf = Assert.Throws<NotSupportedByKernelException>(() => rt.EnsureLink(new LinkSpec("vrf1", new VrfKind(10))));
        Assert.Contains("no VRF support (CONFIG_NET_VRF)", vrf.Message, StringComparison.Ordinal);
        Assert.Null(rt.TryGetLink("wg0"));
    }

    [Fact]
    public void Errors_name_the_problem_and_what_to_do()
    {
        Privileged.RequireRoot();
        using var ns = NetNs.Create("nl");
        using var rt = RtnlClient.Open(ns.Name);

        var missing = Assert.Throws<NoSuchDeviceException>(() => rt.GetLink("nosuch0"));
        Assert.Contains("nosuch0", missing.Message, StringComparison.Ordinal);

        rt.CreateLink(new LinkSpec("br9", new BridgeKind()));
        var dup = Assert.Throws<AlreadyExistsException>(() => rt.CreateLink(new LinkSpec("br9", new BridgeKind())));
        Assert.Equal(Errno.EEXIST, dup.Errno);

        var noNs = Assert.Throws<NetlinkException>(() => RtnlClient.Open("nl-does-not-exist"));
        Assert.Contains("ip netns add nl-does-not-exist", noNs.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_namespace_socket_sees_only_that_namespace()
    {
        Privileged.RequireRoot();
        using var a = NetNs.Create("nl");
        using var b = NetNs.Create("nl");
        using var ra = RtnlClient.Open(a.Name);
        using var rb = RtnlClient.Open(b.Name);

        ra.CreateLink(new LinkSpec("onlya", new BridgeKind()));
        ra.CreateLink(new LinkSpec("va", new VethKind("vb") { PeerNamespace = b.Name }));

        Assert.NotNull(ra.TryGetLink("onlya"));
        Assert.Null(rb.TryGetLink("onlya"));
        Assert.NotNull(rb.TryGetLink("vb"));
        Assert.Equal(string.Empty, Assert.IsType<VethKind>(ra.GetLink("va").Kind).PeerName);

        // Bridges are namespace-local: the kernel's extended ack says so and the message carries it.
        var immutable = Assert.Throws<NetlinkException>(() => ra.MoveToNamespace("onlya", b.Name));
        Assert.Contains("netns is immutable", immutable.KernelMessage, StringComparison.Ordinal);

        ra.CreateLink(new LinkSpec("vm0", new VethKind("vm1")));
        ra.MoveToNamespace("vm0", b.Name);
        Assert.NotNull(rb.TryGetLink("vm0"));
        Assert.Null(ra.TryGetLink("vm0"));
    }
}
