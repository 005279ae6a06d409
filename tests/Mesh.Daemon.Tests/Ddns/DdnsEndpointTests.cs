using Mesh.Daemon.Ddns;
using WireGuard;

namespace Mesh.Daemon.Tests.Ddns;

public sealed class DdnsEndpointTests
{
    private static readonly Key Peer = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [Theory]
    [InlineData("Wro.Example.NET.", "wro.example.net")]
    [InlineData("a", "a")]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example")]
    public void Valid_names_are_normalized(string input, string expected) =>
        Assert.Equal(expected, DdnsEndpoint.Create(Peer, input, 51820).HostName);

    [Theory]
    [InlineData("", "empty")]
    [InlineData("-bad.example", "not a valid DNS host name")]
    [InlineData("a..b", "not a valid DNS host name")]
    [InlineData("has space.example", "not a valid DNS host name")]
    public void Invalid_names_say_what_is_wrong(string input, string fragment)
    {
        Assert.False(DdnsEndpoint.TryCreate(Peer, input, 51820, out _, out var error));
        Assert.Contains(fragment, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void Port_must_be_valid(int port)
    {
        Assert.False(DdnsEndpoint.TryCreate(Peer, "wro.example.net", port, out _, out var error));
        Assert.Contains("1-65535", error, StringComparison.Ordinal);
    }
}
