using Frr;
using Mesh.Control;
using Mesh.Daemon.Reconcile;
using Mesh.Daemon.Subsystems;
using Mesh.Model;
using Mesh.Daemon.Probe;
using Mesh.Planning;
using Netlink;
using Netlink.Rtnl;

namespace Mesh.Daemon.Control;

/// <summary>
/// `meshctl doctor`, run inside meshd (so it sees the node's own namespace): every trap of the seed checked
/// against the live system, each finding with what to do.
/// </summary>
public sealed partial class Doctor
{
    private readonly ReconcileLoop _loop;
    private readonly DaemonState _state;
    private readonly WireGuardSubsystem _wireguard;
    private readonly DdnsSubsystem _ddns;
    private readonly FrrSubsystem _frr;
    private readonly SdnSubsystem _sdn;
    private readonly FirewallSubsystem _firewall;
    private readonly PathMtuProber _pmtu;

    /// <summary>Creates the doctor.</summary>
    public Doctor(ReconcileLoop loop, DaemonState state, WireGuardSubsystem wireguard, DdnsSubsystem ddns, FrrSubsystem frr, SdnSubsystem sdn,
        FirewallSubsystem firewall, PathMtuProber pmtu)
    {
        _firewall = firewall;
        _pmtu = pmtu;
        _loop = loop;
        _state = state;
        _wireguard = wireguard;
        _ddns = ddns;
        _frr = frr;
        _sdn = sdn;
    }

    /// <summary>Runs every check.</summary>
    public async Task<DoctorReport> ExamineAsync(CancellationToken cancellationToken)
    {
        var f = new List<DoctorFinding>();
        var plan = _loop.CurrentPlan;
        var status = _state.Snapshot(ControlServer.BuildVersion);
        if (status.SpecErrors.Count > 0)
        {
            f.Add(new("spec", Verdict.Fail, $"the spec on disk is invalid ({status.SpecErrors.Count} errors); running on the last good one", $"meshctl validate {status.SpecPath}"));
        }

        if (plan is null)
        {
            f.Add(new("plan", Verdict.Fail, "no plan applied yet", "check the spec and the node name (meshd --node)"));
            return new DoctorReport(_state.Node, f);
        }

        foreach (var s in status.Subsystems.Where(s => s.Health is Health.Failed or Health.Degraded))
        {
            f.Add(new($"subsystem {s.Name}", s.Health == Health.Failed ? Verdict.Fail : Verdict.Warn, s.Message, "journalctl -u meshd shows the retries"));
        }

        CheckSysctls(plan, f);
        CheckLinks(plan, f);
        CheckPathMtu(plan, f);
        CheckHandshakes(plan, f);
        CheckDns(f);
        CheckStaleSnat(plan, f);
        await CheckFirewallAsync(plan, f, cancellationToken);
        await CheckBgpAsync(plan, f, cancellationToken);
        if (ProxmoxOptions(await ReadHostOptionsAsync(cancellationToken)) is { } proxmox)
        {
            f.Add(proxmox);
        }

        CheckClock(f);
        if (f.Count == 0 || f.All(x => x.Verdict == Verdict.Ok))
        {
            f.Insert(0, new("summary", Verdict.Ok, $"{plan.Node}: every check passed", null));
        }

        return new DoctorReport(plan.Node, f);
    }

    private static void CheckSysctls(NodePlan plan, List<DoctorFinding> f)
    {
        var bad = new List<string>();
        foreach (var s in plan.Sysctls)
        {
            var path = Path.Combine("/proc/sys", s.Key.Replace('.', '/'));
            if (File.Exists(path) && File.ReadAllText(path).Trim() != s.Value)
            {
                bad.Add($"{s.Key}={File.ReadAllText(path).Trim()} (want {s.Value})");
            }
        }

        f.Add(bad.Count == 0
            ? new("sysctls", Verdict.Ok, $"{plan.Sysctls.Count} settings as planned (ip_forward, rp_filter, bridge-nf-call)", null)
            : new("sysctls", Verdict.Fail, string.Join(", ", bad), "meshd rewrites them on the next pass; find what changes them (sysctl.d, another agent)"));
    }

    private void CheckLinks(NodePlan plan, List<DoctorFinding> f)
    {
        using var rtnl = RtnlClient.Open();
        var links = rtnl.ListLinks();
        var xvrf = links.Where(l => l.Name.StartsWith("xvrf", StringComparison.Ordinal)).Select(l => l.Name).ToList();
        f.Add(xvrf.Count == 0
            ? new("exit-node local routing", Verdict.Ok, "off (no xvrf device)", null)
            : new("exit-node local routing", Verdict.Fail, $"on: {string.Join(", ", xvrf)} exist; it rewrites ports of cross-site TCP (the seed's failure)", "set exitnodes-local-routing off on the zone and apply SDN"));

        var wg = links.FirstOrDefault(l => l.Name == plan.WireGuard.Interface.Value);
        if (wg is null)
        {
            f.Add(new("wireguard", Verdict.Fail, $"{plan.WireGuard.Interface} does not exist", "see meshctl status (wireguard subsystem)"));
        }
        else if (wg.Mtu != plan.WireGuard.Mtu)
        {
            f.Add(new("mtu", Verdict.Fail, $"{wg.Name} MTU {wg.Mtu}, planned {plan.WireGuard.Mtu}", "meshd resets it on the next pass; find what changes it"));
        }
        else
        {
            f.Add(new("mtu", Verdict.Ok, $"{wg.Name} {wg.Mtu} (underlay {plan.Mtu.UnderlayMtu} {plan.Mtu.OuterFamily}), overlay {plan.Mtu.OverlayMtu}", null));
        }

        if (plan.Links is { } planned)
        {
            foreach (var b in planned.Bridges)
            {
                var l = links.FirstOrDefault(x => x.Name == b.Name.Value);
                if (l is null || l.Mtu != b.Mtu)
                {
                    f.Add(new("overlay mtu", Verdict.Fail, l is null ? $"bridge {b.Name} missing" : $"bridge {b.Name} MTU {l.Mtu}, planned {b.Mtu}", "meshd fixes it on the next pass"));
                }
            }
        }
    }

    private void CheckHandshakes(NodePlan plan, List<DoctorFinding> f)
    {
        var device = _wireguard.Device;
        if (device is null)
        {
            return;
        }

        var now = DateTimeOffset.UtcNow;
        var peers = device.GetStatus().Peers;
        var stale = new List<string>();
        foreach (var p in plan.WireGuard.Peers)
        {
            var key = WireGuardDesired.PublicKey(p);
            var s = peers.FirstOrDefault(x => x.PublicKey == key);
            if (s?.LastHandshake is not { } hs || now - hs > TimeSpan.FromSeconds(180))
            {
                stale.Add($"{p.Name} ({(s?.LastHandshake is { } h ? $"{(now - h).TotalSeconds:0} s ago" : "never")})");
            }
        }

        f.Add(stale.Count == 0
            ? new("handshakes", Verdict.Ok, $"{plan.WireGuard.Peers.Count} peer(s), all within 180 s", null)
            : new("handshakes", Verdict.Fail, $"stale: {string.Join(", ", stale)}", "check the peer's endpoint (meshctl peers), UDP port reachability and the firewall"));
    }

    private void CheckDns(List<DoctorFinding> f)
    {
        var failing = _ddns.Snapshots().Where(s => s.LastError is not null || s.Address is null).ToList();
        f.Add(failing.Count == 0
            ? new("dns", Verdict.Ok, $"{_ddns.Snapshots().Count} endpoint name(s) resolving", null)
            : new("dns", Verdict.Warn, string.Join(", ", failing.Select(s => $"{s.HostName}: {s.LastError ?? "not resolved yet"}")), "check /etc/resolv.conf and the DDNS record; the last good address is kept"));
    }

    private async Task CheckBgpAsync(NodePlan plan, List<DoctorFinding> f, CancellationToken cancellationToken)
    {
        // on Proxmox nodes the SDN writes frr.conf and /etc/frr/daemons, but the sessions are just as much the mesh's
        var proxmox = plan.Role == NodeRole.Proxmox;
        var daemons = _frr.Instance.DaemonsPath;
        if (File.Exists(daemons) && !File.ReadAllLines(daemons).Contains("bgpd=yes"))
        {
            f.Add(new("frr daemons", Verdict.Fail, $"bgpd is not enabled in {daemons}",
                proxmox ? "apply the SDN (pvesh set /cluster/sdn) and check `systemctl status frr`; Proxmox enables bgpd for an EVPN controller" : "meshd enables it on the next pass"));
        }

        try
        {
            var summary = await new FrrStatus(_frr.Instance).GetSummaryAsync(cancellationToken);
            var down = plan.Evpn.Neighbors
                .Where(n => !summary.Peers.Any(p => p.Address == n.ToString() && p.State == "Established"))
                .Select(n => n.ToString()).ToList();
            f.Add(down.Count == 0
                ? new("bgp", Verdict.Ok, $"{summary.Peers.Count} l2vpn evpn session(s) established", null)
                : new("bgp", Verdict.Fail, $"not established: {string.Join(", ", down)}", "check WireGuard handshakes and TCP 179 on the WireGuard interface"));
        }
        catch (FrrException e)
        {
            f.Add(new("bgp", Verdict.Fail, e.Message, "is FRR running? (systemctl status frr)"));
        }
    }

    /// <summary>
    /// The "proxmox firewall options" finding: Ok when every host option the site's rules need is in effect, Fail with
    /// the <c>pvesh set</c> commands when some are missing, Warn when the API (or a node) could not be read. Null when
    /// there is nothing to check (not a proxmox node, or its site has no <c>proxmox</c> API access in the spec).
    /// </summary>
    public static DoctorFinding? ProxmoxOptions(HostOptionsReport? report)
    {
        const string Check = "proxmox firewall options";
        if (report is null)
        {
            return null;
        }

        if (report.Error is not null)
        {
            return new(Check, Verdict.Warn, $"cannot read the firewall options of cluster {report.Site}: {report.Error}",
                $"check sites.{report.Site}.proxmox (url, token-file, fingerprint) and that the token may read /cluster/firewall/options (Sys.Audit on /)");
        }

        var unreadable = string.Join(", ", report.Unreadable.Select(u => $"{u.Key}: {u.Value}"));
        if (report.Missing.Count > 0)
        {
            var missing = string.Join("; ", report.Missing.Select(o =>
                $"{(o.Node is null ? "cluster" : "node " + o.Node)} {o.Key} is not {o.Value} ({o.Why})"));
            return new(Check, Verdict.Fail, missing + (unreadable.Length > 0 ? $"; not readable: {unreadable}" : string.Empty),
                string.Join(" && ", report.FixCommands()));
        }

        return unreadable.Length > 0
            ? new(Check, Verdict.Warn, $"cluster {report.Site}: options of some nodes could not be read: {unreadable}", "check that every node is online (pvecm status)")
            : new(Check, Verdict.Ok, $"cluster {report.Site}: every host option the rules need is set (firewall, ebtables, nftables on each node)", null);
    }

    private async Task<HostOptionsReport?> ReadHostOptionsAsync(CancellationToken cancellationToken)
    {
        // a doctor run must not hang on an unreachable API (the client retries for minutes)
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        try
        {
            return await _sdn.ReadHostOptionsAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var site = _loop.CurrentPlan?.Site ?? "?";
            return HostOptionsReport.Unreachable(site, "no answer within 20 s");
        }
    }

    private static void CheckStaleSnat(NodePlan plan, List<DoctorFinding> f)
    {
        // Proxmox writes SNAT as iptables rules and leaves them behind when snat is switched off (the seed's note)
        var iptablesSave = new[] { "/usr/sbin/iptables-save", "/sbin/iptables-save" }.FirstOrDefault(File.Exists);
        if (iptablesSave is null)
        {
            return;
        }

        string text;
        try
        {
            using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(iptablesSave, "-t nat") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            text = p.StandardOutput.ReadToEnd();
            p.WaitForExit(5000);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return;
        }

        var subnets = plan.Evpn.Vnets.SelectMany(v => v.Subnets).ToList();
        var stale = Mesh.Firewall.StaleSnat.Find(text, subnets.Select(s => s.Cidr), subnets.Where(s => s.Snat).Select(s => s.Cidr));
        f.Add(stale.Count == 0
            ? new("snat", Verdict.Ok, "no stale or duplicated SNAT rules", null)
            : new("snat", Verdict.Warn, string.Join("; ", stale.Select(r => $"{r.Source}: {r.Reason}")), string.Join(" && ", stale.Select(r => r.RemoveCommand))));
    }
}
