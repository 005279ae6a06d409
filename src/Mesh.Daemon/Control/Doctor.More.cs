using Mesh.Control;
using Mesh.Daemon.Nft;
using Mesh.Daemon.Probe;
using Mesh.Model;
using Mesh.Planning;

namespace Mesh.Daemon.Control;

/// <summary>The doctor's probe, firewall and clock checks.</summary>
public sealed partial class Doctor
{
    /// <summary>
    /// MTU consistency beyond the device: the probed path to each peer against the WireGuard MTU the plan set. A path
    /// that carries less than the device MTU drops (or, through other dataplanes, fragments) every packet in between —
    /// the seed's MTU trap.
    /// </summary>
    public static DoctorFinding? PathMtu(NodePlan plan, IReadOnlyDictionary<string, PathMtuResult> probed)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(probed);
        var results = plan.WireGuard.Peers.Select(p => probed.GetValueOrDefault(p.Name)).OfType<PathMtuResult>().ToList();
        if (results.Count == 0)
        {
            return null; // nothing probed yet (no handshake, or meshd just started)
        }

        var planned = plan.WireGuard.Mtu;
        var unconfirmed = results.Where(r => r.IsShort && !r.Confirmed).ToList();
        results = [.. results.Where(r => !r.IsShort || r.Confirmed)];
        var silent = results.Where(r => r.Mtu is null).Select(r => $"{r.Peer} ({r.Target})").ToList();
        var small = results.Where(r => r.Mtu < planned).Select(r => $"{r.Peer} {r.Mtu}").ToList();
        if (small.Count > 0)
        {
            var lowest = results.Where(r => r.Mtu is not null).Min(r => r.Mtu!.Value);
            return new("path mtu", Verdict.Fail,
                $"the path carries less than the WireGuard MTU {planned}: {string.Join(", ", small)} (probed with don't-fragment)",
                $"lower the underlay MTU of this node in the spec (underlay-mtu: {lowest + (plan.Mtu.UnderlayMtu - planned)} gives WireGuard MTU {lowest}) or fix the path (PPPoE, a tunnel on the way)");
        }

        if (silent.Count > 0)
        {
            return new("path mtu", Verdict.Warn, $"no echo reply even at 1280 bytes from {string.Join(", ", silent)}", "check the peer's firewall allows ICMP echo on the WireGuard interface, and the handshake (meshctl peers)");
        }

        if (unconfirmed.Count > 0)
        {
            return new("path mtu", Verdict.Warn,
                $"one search came up short, re-checking in {PathMtuProber.Recheck.TotalSeconds:0} s: {string.Join(", ", unconfirmed.Select(r => $"{r.Peer} {r.Mtu?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no reply"}"))}",
                "run meshctl doctor again in a few seconds (a peer that was still starting answers the next search)");
        }

        return new("path mtu", Verdict.Ok, $"{results.Count} peer path(s) carry the WireGuard MTU {planned} (probed, don't-fragment)", null);
    }

    private void CheckPathMtu(NodePlan plan, List<DoctorFinding> f)
    {
        if (PathMtu(plan, _pmtu.Results) is { } finding)
        {
            f.Add(finding);
        }
    }

    private async Task CheckFirewallAsync(NodePlan plan, List<DoctorFinding> f, CancellationToken cancellationToken)
    {
        if (plan.Role == NodeRole.Proxmox)
        {
            return; // the security group goes through the Proxmox API: the sdn subsystem reports it
        }

        try
        {
            var drift = await _firewall.DriftAsync(plan, cancellationToken);
            f.Add(drift is null
                ? new("firewall", Verdict.Ok, "table inet meshd as planned", null)
                : new("firewall", Verdict.Fail, drift, "meshctl apply (meshd reloads the table atomically); meshctl firewall show --node " + plan.Node + " prints what it should be"));
        }
        catch (NftException e)
        {
            f.Add(new("firewall", Verdict.Fail, e.Message, "is nftables installed? (apt install nftables)"));
        }
    }

    private static void CheckClock(List<DoctorFinding> f)
    {
        var now = DateTimeOffset.UtcNow;
        if (now.Year < 2025)
        {
            f.Add(new("clock", Verdict.Fail, $"system clock says {now:yyyy-MM-dd}: WireGuard handshake timestamps and TLS to the Proxmox API fail with a wrong clock", "enable NTP (timedatectl set-ntp true, or install chrony)"));
            return;
        }

        f.Add(KernelClock.Read() switch
        {
            { Synchronized: true } s => new("clock", Verdict.Ok, $"{now:yyyy-MM-dd HH:mm:ss} UTC, NTP-synchronized (max error {s.MaxError.TotalMilliseconds:0} ms)", null),
            { Synchronized: false } => new("clock", Verdict.Warn, $"{now:yyyy-MM-dd HH:mm:ss} UTC, not synchronized: a clock set back after a restart makes peers drop this node's handshakes (TAI64N timestamps must grow)", "enable NTP (timedatectl set-ntp true, or install chrony)"),
            null => new("clock", Verdict.Ok, $"{now:yyyy-MM-dd HH:mm:ss} UTC (sync state unknown)", null),
        });
    }
}
