using System.Net;

namespace Mesh.Daemon.Ddns;

/// <summary>How a lookup ended.</summary>
public enum DnsOutcome
{
    /// <summary>At least one address.</summary>
    Resolved,

    /// <summary>The name does not exist (NXDOMAIN), possibly at the end of a CNAME chain.</summary>
    NxDomain,

    /// <summary>The name exists but has no address of the wanted families (NODATA).</summary>
    NoData,

    /// <summary>No usable answer: timeout, refused, SERVFAIL, network error.</summary>
    Failed,
}

/// <summary>Which address families to look up, in which order.</summary>
public enum AddressFamilyPreference
{
    /// <summary>A first, AAAA when there is no A.</summary>
    PreferIPv4,

    /// <summary>AAAA first, A when there is no AAAA.</summary>
    PreferIPv6,

    /// <summary>A only.</summary>
    IPv4Only,

    /// <summary>AAAA only.</summary>
    IPv6Only,
}

/// <summary>The result of resolving one name.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Addresses">Addresses of the chosen family, sorted (empty unless resolved).</param>
/// <param name="Ttl">For answers, the minimum TTL along the CNAME chain and the address records.</param>
/// <param name="Chain">The names visited: the queried name, then every CNAME target.</param>
/// <param name="Error">What went wrong, for anything but <see cref="DnsOutcome.Resolved"/>.</param>
public sealed record DnsResolution(
    DnsOutcome Outcome,
    IReadOnlyList<IPAddress> Addresses,
    TimeSpan Ttl,
    IReadOnlyList<string> Chain,
    string? Error)
{
    /// <summary>Value equality over the lists.</summary>
    public bool Equals(DnsResolution? other) =>
        other is not null && Outcome == other.Outcome && Ttl == other.Ttl && Error == other.Error &&
        Addresses.SequenceEqual(other.Addresses) && Chain.SequenceEqual(other.Chain);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Outcome, Ttl, Error, Addresses.Count, Chain.Count);

    /// <summary>A failed lookup.</summary>
    public static DnsResolution Failure(DnsOutcome outcome, IReadOnlyList<string> chain, string error) =>
        new(outcome, [], TimeSpan.Zero, chain, error);
}

/// <summary>Resolves endpoint host names.</summary>
public interface IEndpointResolver
{
    /// <summary>Resolves <paramref name="hostName"/>; never throws for DNS problems (they are an outcome).</summary>
    Task<DnsResolution> ResolveAsync(string hostName, CancellationToken cancellationToken);
}
