using Mesh.Control;

namespace Mesh.Cli.Tests.Status;

/// <summary>Fixed reports and a fixed "now" for the rendering snapshots.</summary>
internal static class Reports
{
    public static readonly DateTimeOffset Now = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    public static StatusReport Healthy => new(
        "roz1", "roz", "native", "userspace", "/etc/meshd/mesh.yaml", "3f9c2a71d04be815", [],
        Now.AddHours(-3).AddMinutes(-7), Now.AddSeconds(-4), 12.34, 57,
        [
            Sub("sysctl", Health.Healthy, "5 settings in place", null),
            Sub("wireguard", Health.Healthy, "userspace wg_mesh, 1 peer(s)", Now.AddHours(-3)),
            Sub("ddns", Health.Healthy, "1 name(s) watched", Now.AddMinutes(-42).AddSeconds(-5)),
            Sub("links", Health.Healthy, "2 bridge(s), 2 vxlan(s), L3VNI devices in the default table (no VRF in this kernel)", Now.AddDays(-2).AddHours(-1)),
            Sub("frr", Health.Healthy, "frr 8.4.4, 1 neighbour(s)", null),
            Sub("firewall", Health.Disabled, "no firewall section in the spec", null),
            Sub("proxmox-sdn", Health.Disabled, "native node", null),
        ],
        "0.3.1");

    public static StatusReport Degraded => Healthy with
    {
        SpecErrors =
        [
            "/etc/meshd/mesh.yaml:44:14: sites.wro.nodes.wro1.endpoint: 'wro.lab.example.net:518200' has no valid port (1-65535); write HOST:PORT",
        ],
        Subsystems =
        [
            .. Healthy.Subsystems.Where(s => s.Name is not ("frr" or "ddns")),
            Sub("ddns", Health.Degraded, "1 name(s) watched, failing: wro.lab.example.net (SERVFAIL from 127.0.0.53)", null, 3),
            Sub("frr", Health.Failed, "vtysh -N roz1: cannot connect to bgpd (is FRR running? systemctl status frr)", null, 12),
        ],
    };

    public static PeersReport Peers => new("roz1",
    [
        new PeerReport("wro1", "wro", "BMf1oANPdS7HqNlVTLewbr+CFvK3P3qNA/GIeyb2fj8=", "wro.lab.example.net:51820", "192.0.2.2:51820",
            Now.AddSeconds(-75), 225, null, Now.AddSeconds(-17), 1_048_000, 93_215_744, "Established", "3h", 4, 1370),
        new PeerReport("gdn-router-long-name", "gdansk", "aPYrjOxBhiEDSzfviaPIKLQiXUWfJ3m0lbFqwlBRrxE=", "gdn.example.net:51820", null,
            null, null, "NXDOMAIN for gdn.example.net from 127.0.0.53", null, 0, 148, "Active", null, null, 1370),
        new PeerReport("vps1", "cloud", "3OW5+/UO3zvf4wMZ22tzzjkPCD7XF3BtmnZ/N6jL+ms=", null, "203.0.113.9:38211",
            null, null, null, Now.AddMinutes(-3).AddSeconds(-2), 512, 2_000_000_000, null, null, null, null),
    ]);

    private static SubsystemReport Sub(string name, Health health, string message, DateTimeOffset? changed, int failures = 0) =>
        new(name, health, message, changed is null ? 0 : 1, Now.AddSeconds(-4), changed, failures);
}
