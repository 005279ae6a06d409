using System.Net;

namespace Frr.Tests;

public sealed class PveParserTests
{
    private const string Base = """
        {"controllers":{"ids":{"c":{"type":"evpn","asn":65000,"peers":"192.0.2.1,192.0.2.2"}}},
         "zones":{"ids":{"z1":{"type":"evpn","controller":"c","vrf-vxlan":1000,"exitnodes":EXIT}}}}
        """;

    private static string Render(string json, string localIp = "192.0.2.1") =>
        PveEvpn.RenderFromRunningConfig(json, "n1", IPAddress.Parse(localIp), "8.4.4");

    [Fact]
    public void Exit_nodes_as_comma_list_and_as_map_render_the_same()
    {
        var list = Render(Base.Replace("EXIT", "\"n0, n1\"", StringComparison.Ordinal));
        var map = Render(Base.Replace("EXIT", """{"n0":1,"n1":1}""", StringComparison.Ordinal));
        Assert.Equal(list, map);
        Assert.Contains("default-originate ipv4", list, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("""{"subnets":{"ids":{"zone10.0.0.0-24":{}}}}""", "subnets.ids.zone10.0.0.0-24")]
    [InlineData("""{"controllers":{"ids":{"c":{"type":"evpn","asn":"x","peers":"192.0.2.1"}}}}""", "controllers.ids.c.asn")]
    [InlineData("""{"controllers":{"ids":{"c":{"type":"evpn","asn":"1","peers":"192.0.2.1,nope"}}}}""", "controllers.ids.c.peers: 'nope'")]
    [InlineData("""{"controllers":{"ids":{"c":{"type":"evpn","asn":"1","peers":"192.0.2.1,10.1"}}}}""", "controllers.ids.c.peers: '10.1'")]
    [InlineData("""{"controllers":{"ids":{"c":{"type":"evpn","asn":"1","fabric":"f"}}}}""", "controllers.ids.c.fabric")]
    [InlineData("""{"controllers":{"ids":{"c":{"type":"ospf"}}}}""", "unknown controller type 'ospf'")]
    [InlineData("""{"zones":{"ids":{"z":{"type":"evpn","vrf-vxlan":"-1"}}}}""", "zones.ids.z.vrf-vxlan")]
    public void Bad_input_names_the_place(string json, string expected)
    {
        var e = Assert.Throws<FrrException>(() => Render(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ipv6_vtep_needs_a_router_id()
    {
        var json = Base.Replace("EXIT", "\"\"", StringComparison.Ordinal).Replace("192.0.2.1,192.0.2.2", "2001:db8::1,2001:db8::2", StringComparison.Ordinal);
        var e = Assert.Throws<FrrException>(() => Render(json, "2001:db8::1"));
        Assert.Contains("router id", e.Message, StringComparison.Ordinal);
        var text = PveEvpn.RenderFromRunningConfig(json, "n1", IPAddress.Parse("2001:db8::1"), "8.4.4", IPAddress.Parse("192.0.2.1"));
        Assert.Contains(" neighbor 2001:db8::2 peer-group VTEP\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("2001:db8::1 peer-group", text, StringComparison.Ordinal);
    }
}
