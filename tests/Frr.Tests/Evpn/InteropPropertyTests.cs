using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CsCheck;

namespace Frr.Tests;

/// <summary>
/// For any zone layout, a native node described by EvpnNodeConfig (with Proxmox's BFD and timer choices)
/// renders exactly what a Proxmox node renders from the equivalent SDN running config.
/// </summary>
public sealed class InteropPropertyTests
{
    private sealed record Zone(string Id, int Vni, bool Exit, bool Secondary, bool Advertise, int[] RtImport);

    private static readonly Gen<Zone> GenZone =
        from id in Gen.Char['a', 'z'].Array[2, 6].Select(c => new string(c))
        from vni in Gen.Int[1, 0xFFFFFF]
        from exit in Gen.Bool
        from secondary in Gen.Bool
        from advertise in Gen.Bool
        from rts in Gen.Int[1, 65535].Array[0, 3]
        select new Zone(id, vni, exit, exit && secondary, advertise, rts);

    private static readonly Gen<(uint Asn, int Local, int[] Peers, Zone[] Zones)> GenNode =
        from asn in Gen.UInt[1, uint.MaxValue]
        from local in Gen.Int[1, 254]
        from peers in Gen.Int[1, 254].Array[1, 6]
        from zones in GenZone.Array[0, 4]
        select (asn, local, peers.Distinct().Where(p => p != local).ToArray(), zones.DistinctBy(z => z.Id).ToArray());

    [Fact]
    public void Native_node_renders_like_proxmox_for_the_same_zones() =>
        GenNode.Where(n => n.Peers.Length > 0).Sample(n =>
        {
            var local = Ip(n.Local);
            var native = EvpnConfigBuilder.Render(new EvpnNodeConfig
            {
                Hostname = "node1",
                FrrVersion = "8.4.4",
                Asn = n.Asn,
                RouterId = IPAddress.Parse(local),
                LocalVtep = IPAddress.Parse(local),
                Peers = n.Peers.Select(p => IPAddress.Parse(Ip(p))).ToValueList(),
                Vrfs = n.Zones.Select(z => new EvpnVrf(z.Id, z.Vni, z.Exit, z.Secondary, z.Advertise, RtImport(z).ToValueList())).ToValueList(),
                Bfd = true,
                Timers = null,
            });
            var pve = PveEvpn.RenderFromRunningConfig(RunningConfig(n.Asn, local, n.Peers, n.Zones), "node1", IPAddress.Parse(local), "8.4.4");
            Assert.Equal(pve, native);
        }, iter: 300);

    private static string Ip(int host) => $"198.51.100.{host}";

    private static IEnumerable<string> RtImport(Zone z) => z.RtImport.Select(rt => $"65000:{rt.ToString(CultureInfo.InvariantCulture)}");

    private static string RunningConfig(uint asn, string local, int[] peers, Zone[] zones)
    {
        var zoneIds = new JsonObject();
        foreach (var z in zones)
        {
            var zone = new JsonObject
            {
                ["type"] = "evpn",
                ["controller"] = "ctl",
                ["vrf-vxlan"] = z.Vni,
                ["advertise-subnets"] = z.Advertise ? 1 : 0,
            };
            if (z.Exit)
            {
                zone["exitnodes"] = z.Secondary ? "node0,node1" : "node1";
            }

            if (z.Secondary)
            {
                zone["exitnodes-primary"] = "node0";
            }

            if (z.RtImport.Length > 0)
            {
                zone["rt-import"] = string.Join(',', RtImport(z));
            }

            zoneIds[z.Id] = zone;
        }

        var root = new JsonObject
        {
            ["controllers"] = new JsonObject { ["ids"] = new JsonObject { ["ctl"] = new JsonObject
            {
                ["type"] = "evpn",
                ["asn"] = asn.ToString(CultureInfo.InvariantCulture),
                ["peers"] = string.Join(',', peers.Select(Ip).Prepend(local)),
            } } },
            ["zones"] = new JsonObject { ["ids"] = zoneIds },
        };
        return root.ToJsonString();
    }
}
