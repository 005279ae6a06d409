using Mesh.Model;

namespace Mesh.Tests.Values;

/// <summary>Domain identifiers accept exactly what the systems behind them accept.</summary>
public sealed class ValueTypeTests
{
    [Theory]
    [InlineData("wro.example.net:51820", "wro.example.net", 51820)]
    [InlineData("192.0.2.1:1", "192.0.2.1", 1)]
    [InlineData("[2001:db8::1]:65535", "2001:db8::1", 65535)]
    [InlineData("host.:51820", "host.", 51820)]
    public void Endpoint_accepts(string text, string host, int port)
    {
        Assert.True(Endpoint.TryParse(text, out var endpoint, out var error), error);
        Assert.Equal((host, port), (endpoint.Host, endpoint.Port));
        Assert.Equal(text, endpoint.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("wro.example.net")]
    [InlineData("wro.example.net:0")]
    [InlineData("wro.example.net:65536")]
    [InlineData("2001:db8::1:51820")]
    [InlineData("[192.0.2.1]:51820")]
    [InlineData("-bad.example.net:1")]
    [InlineData("192.0.2.300:1")]
    public void Endpoint_rejects(string text) => Assert.False(Endpoint.TryParse(text, out _, out _));

    [Theory]
    [InlineData("crossite", true)]
    [InlineData("ab", true)]
    [InlineData("a", false)]
    [InlineData("crossite9", false)]
    [InlineData("1abc", false)]
    [InlineData("ab-c", false)]
    [InlineData("abc_", false)]
    public void SdnId_follows_proxmox(string text, bool valid) => Assert.Equal(valid, SdnId.TryParse(text, out _));

    [Theory]
    [InlineData("wg-mesh", true)]
    [InlineData("vxlan_crossvnt", true)]
    [InlineData("sixteen-chars-xx", false)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    [InlineData("..", false)]
    public void InterfaceName_follows_the_kernel(string text, bool valid) => Assert.Equal(valid, InterfaceName.TryParse(text, out _));

    [Theory]
    [InlineData("3OW5+/UO3zvf4wMZ22tzzjkPCD7XF3BtmnZ/N6jL+ms=", true)]
    [InlineData("3OW5+/UO3zvf4wMZ22tzzjkPCD7XF3BtmnZ/N6jL+ms", false)]
    [InlineData("3OW5+/UO3zvf4wMZ22tzzjkPCD7XF3BtmnZ/N6jL+mt=", false)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", false)]
    public void WireGuardKey_is_canonical_base64_of_32_bytes(string text, bool valid) => Assert.Equal(valid, WireGuardKey.TryParse(text, out _));

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(16777215, true)]
    [InlineData(16777216, false)]
    public void Vni_is_24_bits(long value, bool valid) => Assert.Equal(valid, Vni.TryCreate(value, out _));

    [Theory]
    [InlineData(0L, false)]
    [InlineData(65000L, true)]
    [InlineData(4294967294L, true)]
    [InlineData(4294967295L, false)]
    public void Asn_excludes_reserved_values(long value, bool valid) => Assert.Equal(valid, Asn.TryCreate(value, out _));

    [Theory]
    [InlineData("22", 22, 22)]
    [InlineData("8000-8080", 8000, 8080)]
    public void PortRange_parses(string text, int first, int last)
    {
        Assert.True(PortRange.TryParse(text, out var range));
        Assert.Equal(new PortRange(first, last), range);
        Assert.Equal(text, range.ToString());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("80-20")]
    [InlineData("70000")]
    [InlineData("x")]
    public void PortRange_rejects(string text) => Assert.False(PortRange.TryParse(text, out _));
}
