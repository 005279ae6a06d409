using Mesh.Daemon.Hosting;

namespace Mesh.Daemon.Tests.Control;

public sealed class MetricsListenTests
{
    [Theory]
    [InlineData("127.0.0.1:9474", "127.0.0.1", 9474)]
    [InlineData("[::1]:9474", "::1", 9474)]
    public void Loopback_addresses_are_accepted(string listen, string host, int port) =>
        Assert.Equal((host, port), MetricsEndpoint.ParseListen(listen));

    [Theory]
    [InlineData("0.0.0.0:9474", "is not a loopback address")]
    [InlineData("192.0.2.1:9474", "is not a loopback address")]
    [InlineData("localhost:9474", "must be ADDRESS:PORT")]
    [InlineData("127.0.0.1", "must be ADDRESS:PORT")]
    [InlineData("9474", "must be ADDRESS:PORT")]
    public void Anything_else_is_refused_with_what_to_write(string listen, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => MetricsEndpoint.ParseListen(listen));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Contains($"--metrics '{listen}'", e.Message, StringComparison.Ordinal);
    }
}
