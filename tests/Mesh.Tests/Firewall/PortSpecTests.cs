using Mesh.Firewall;

namespace Mesh.Tests.Firewall;

public sealed class PortSpecTests
{
    [Theory]
    [InlineData("22", "22", "22")]
    [InlineData("443, 80", "80,443", "{ 80, 443 }")]
    [InlineData("8000:8100,8050-8200,22", "22,8000:8200", "{ 22, 8000-8200 }")]
    [InlineData("79,80", "79:80", "79-80")]
    public void Parses_sorts_and_merges(string text, string pve, string nft)
    {
        var spec = PortSpec.Parse(text);

        Assert.Equal(pve, spec.ToProxmox());
        Assert.Equal(nft, spec.ToNft());
        Assert.Equal(spec, PortSpec.Parse(spec.ToProxmox()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("ssh")]
    [InlineData("100:90")]
    [InlineData("22,")]
    public void Refuses_bad_ports_with_a_hint(string text)
    {
        Assert.False(PortSpec.TryParse(text, out _, out var error));
        Assert.Contains("8000:8100", error, StringComparison.Ordinal);
    }
}
