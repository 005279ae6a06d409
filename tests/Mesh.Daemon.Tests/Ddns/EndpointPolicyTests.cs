using System.Net;
using Mesh.Daemon.Ddns;

namespace Mesh.Daemon.Tests.Ddns;

public sealed class EndpointPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    // resolved,          previous DNS,       current,            handshake age (s, -1 = never), expected, reason
    [InlineData("198.51.100.20", "198.51.100.10", "198.51.100.10", 5, EndpointAction.Apply, EndpointReason.FollowsDns)]
    [InlineData("198.51.100.20", "198.51.100.10", "198.51.100.10", -1, EndpointAction.Apply, EndpointReason.FollowsDns)]
    [InlineData("198.51.100.20", "198.51.100.10", "198.51.100.20", 5, EndpointAction.AlreadyCurrent, EndpointReason.Matches)]
    [InlineData("198.51.100.20", null, null, -1, EndpointAction.Apply, EndpointReason.NoEndpoint)]
    [InlineData("198.51.100.20", "198.51.100.20", null, 5, EndpointAction.Apply, EndpointReason.NoEndpoint)]
    [InlineData("198.51.100.10", "198.51.100.10", "203.0.113.7", 5, EndpointAction.KeepRoamed, EndpointReason.Roamed)]
    [InlineData("198.51.100.30", "198.51.100.10", "203.0.113.7", 134, EndpointAction.KeepRoamed, EndpointReason.Roamed)]
    [InlineData("198.51.100.30", "198.51.100.10", "203.0.113.7", 135, EndpointAction.KeepRoamed, EndpointReason.Roamed)]
    [InlineData("198.51.100.30", "198.51.100.10", "203.0.113.7", 136, EndpointAction.Apply, EndpointReason.HandshakeStale)]
    [InlineData("198.51.100.10", "198.51.100.10", "203.0.113.7", -1, EndpointAction.Apply, EndpointReason.HandshakeStale)]
    [InlineData("198.51.100.10", null, "203.0.113.7", 10, EndpointAction.KeepRoamed, EndpointReason.Roamed)]
    [InlineData("198.51.100.10", null, "203.0.113.7", 600, EndpointAction.Apply, EndpointReason.HandshakeStale)]
    [InlineData("198.51.100.10", null, "198.51.100.10", 600, EndpointAction.AlreadyCurrent, EndpointReason.Matches)]
    public void Decide_follows_the_roaming_rule(
        string resolved, string? previous, string? current, int handshakeAgeSeconds, EndpointAction action, EndpointReason reason)
    {
        var input = new EndpointPolicyInput(
            Ep(resolved)!, Ep(previous), Ep(current),
            handshakeAgeSeconds < 0 ? null : Now - TimeSpan.FromSeconds(handshakeAgeSeconds),
            Now, TimeSpan.FromSeconds(135));

        Assert.Equal(new EndpointDecision(action, reason), EndpointPolicy.Decide(input));
    }

    [Fact]
    public void Port_is_part_of_the_endpoint()
    {
        var input = new EndpointPolicyInput(
            new IPEndPoint(IPAddress.Parse("198.51.100.10"), 51820), null,
            new IPEndPoint(IPAddress.Parse("198.51.100.10"), 40000), Now, Now, TimeSpan.FromSeconds(135));

        Assert.Equal(EndpointAction.KeepRoamed, EndpointPolicy.Decide(input).Action);
    }

    [Fact]
    public void Ipv4_mapped_current_endpoint_equals_the_ipv4_answer()
    {
        var input = new EndpointPolicyInput(
            Ep("198.51.100.10")!, null,
            new IPEndPoint(IPAddress.Parse("198.51.100.10").MapToIPv6(), 51820), null, Now, TimeSpan.FromSeconds(135));

        Assert.Equal(EndpointAction.AlreadyCurrent, EndpointPolicy.Decide(input).Action);
    }

    private static IPEndPoint? Ep(string? address) => address is null ? null : new IPEndPoint(IPAddress.Parse(address), 51820);
}
