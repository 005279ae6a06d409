using System.Net;
using WireGuard;

namespace Mesh.Daemon.Ddns;

/// <summary>
/// The state of one DDNS endpoint, as `meshctl peers` prints it: the name, the address in use, when it was
/// resolved, how much TTL is left, the last error and how many lookups failed in a row.
/// </summary>
public sealed record DdnsSnapshot(
    string Label,
    string HostName,
    Key Peer,
    IPAddress? Address,
    ushort Port,
    DateTimeOffset? ResolvedAt,
    TimeSpan? TtlLeft,
    DateTimeOffset? NextLookup,
    string? LastError,
    int ConsecutiveFailures,
    EndpointDecision? LastDecision)
{
    /// <summary>The endpoint DNS gives (address + port), or null before the first answer.</summary>
    public IPEndPoint? Endpoint => Address is null ? null : new IPEndPoint(Address, Port);
}
