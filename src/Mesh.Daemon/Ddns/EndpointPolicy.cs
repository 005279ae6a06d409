using System.Net;

namespace Mesh.Daemon.Ddns;

/// <summary>What to do with a peer's endpoint after a DNS answer.</summary>
public enum EndpointAction
{
    /// <summary>The peer already uses the DNS address.</summary>
    AlreadyCurrent,

    /// <summary>Set the DNS address now.</summary>
    Apply,

    /// <summary>Leave the endpoint alone: it was learned by roaming and handshakes are fresh.</summary>
    KeepRoamed,
}

/// <summary>Why <see cref="EndpointPolicy"/> decided as it did (for logs and `meshctl peers`).</summary>
public enum EndpointReason
{
    /// <summary>Current endpoint equals the DNS address.</summary>
    Matches,

    /// <summary>The peer has no endpoint yet (boot without DNS, or a new peer).</summary>
    NoEndpoint,

    /// <summary>The peer still uses the previous DNS address, so the record moved.</summary>
    FollowsDns,

    /// <summary>No handshake ever, or the last one is older than the stale limit.</summary>
    HandshakeStale,

    /// <summary>The endpoint differs from DNS and handshakes are fresh: the peer roamed.</summary>
    Roamed,
}

/// <summary>The inputs of one decision.</summary>
/// <param name="Resolved">The endpoint DNS now gives (address + configured port).</param>
/// <param name="PreviousDns">The endpoint DNS gave before (null at the first answer).</param>
/// <param name="Current">The peer's endpoint as the dataplane reports it (null = none).</param>
/// <param name="LastHandshake">The peer's last handshake (null = never).</param>
/// <param name="Now">The current time.</param>
/// <param name="StaleAfter">Handshakes older than this are stale (135 s).</param>
public sealed record EndpointPolicyInput(
    IPEndPoint Resolved,
    IPEndPoint? PreviousDns,
    IPEndPoint? Current,
    DateTimeOffset? LastHandshake,
    DateTimeOffset Now,
    TimeSpan StaleAfter);

/// <summary>The decision and its reason.</summary>
public readonly record struct EndpointDecision(EndpointAction Action, EndpointReason Reason);

/// <summary>
/// The roaming rule, pure: DNS wins when the peer still follows the previous DNS answer, has no endpoint,
/// or has not proven its current endpoint by a handshake within <see cref="EndpointPolicyInput.StaleAfter"/>;
/// otherwise the endpoint learned from authenticated traffic (roaming) is kept.
/// </summary>
public static class EndpointPolicy
{
    /// <summary>Decides for one peer.</summary>
    public static EndpointDecision Decide(EndpointPolicyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var resolved = Normalize(input.Resolved)!;
        var current = Normalize(input.Current);
        if (current is null)
        {
            return new(EndpointAction.Apply, EndpointReason.NoEndpoint);
        }

        if (current.Equals(resolved))
        {
            return new(EndpointAction.AlreadyCurrent, EndpointReason.Matches);
        }

        if (current.Equals(Normalize(input.PreviousDns)))
        {
            return new(EndpointAction.Apply, EndpointReason.FollowsDns);
        }

        if (input.LastHandshake is not { } hs || input.Now - hs > input.StaleAfter)
        {
            return new(EndpointAction.Apply, EndpointReason.HandshakeStale);
        }

        return new(EndpointAction.KeepRoamed, EndpointReason.Roamed);
    }

    private static IPEndPoint? Normalize(IPEndPoint? ep) =>
        ep is { Address.IsIPv4MappedToIPv6: true } ? new IPEndPoint(ep.Address.MapToIPv4(), ep.Port) : ep;
}
