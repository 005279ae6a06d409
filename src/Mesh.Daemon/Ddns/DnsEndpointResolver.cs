using System.Net;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;

namespace Mesh.Daemon.Ddns;

/// <summary>Where and how <see cref="DnsEndpointResolver"/> asks.</summary>
public sealed record DnsResolverOptions
{
    /// <summary>DNS servers to ask; empty = the system's (/etc/resolv.conf).</summary>
    public IReadOnlyList<IPEndPoint> Servers { get; init; } = [];

    /// <summary>Address family order.</summary>
    public AddressFamilyPreference Preference { get; init; } = AddressFamilyPreference.PreferIPv4;

    /// <summary>Per-query timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries per query (per server).</summary>
    public int Retries { get; init; } = 1;
}

/// <summary>
/// Resolves A/AAAA through DnsClient (no cache: every call asks the server, so TTLs are the server's),
/// following CNAME chains (also across queries when a server answers only the CNAME) up to 8 hops; the TTL
/// of an answer is the minimum along the chain.
/// </summary>
public sealed class DnsEndpointResolver : IEndpointResolver
{
    private const int MaxChain = 8;
    private readonly LookupClient _client;
    private readonly AddressFamilyPreference _preference;

    /// <summary>Creates a resolver.</summary>
    public DnsEndpointResolver(DnsResolverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var lookup = options.Servers.Count == 0
            ? new LookupClientOptions()
            : new LookupClientOptions(options.Servers.ToArray());
        lookup.UseCache = false;
        lookup.ThrowDnsErrors = false;
        lookup.Timeout = options.Timeout;
        lookup.Retries = options.Retries;
        lookup.UseTcpFallback = true;
        _client = new LookupClient(lookup);
        _preference = options.Preference;
    }

    /// <summary>The servers in use (configured or from the system).</summary>
    public IReadOnlyCollection<NameServer> Servers => _client.NameServers;

    /// <inheritdoc/>
    public async Task<DnsResolution> ResolveAsync(string hostName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostName);
        QueryType[] order = _preference switch
        {
            AddressFamilyPreference.IPv4Only => [QueryType.A],
            AddressFamilyPreference.IPv6Only => [QueryType.AAAA],
            AddressFamilyPreference.PreferIPv6 => [QueryType.AAAA, QueryType.A],
            _ => [QueryType.A, QueryType.AAAA],
        };
        DnsResolution? negative = null;
        foreach (var type in order)
        {
            var r = await ResolveTypeAsync(hostName, type, cancellationToken);
            if (r.Outcome != DnsOutcome.NoData)
            {
                // resolved, NXDOMAIN, or a failure (timeout, SERVFAIL): only "no record of this family" moves on to the
                // other family; a transient failure must not flip a peer to the other family (the last good address stays)
                return r;
            }

            negative ??= r;
        }

        return negative!;
    }

    private async Task<DnsResolution> ResolveTypeAsync(string hostName, QueryType type, CancellationToken cancellationToken)
    {
        var chain = new List<string> { Trim(hostName) };
        var current = chain[0];
        var ttl = int.MaxValue;
        for (var query = 0; query < MaxChain; query++)
        {
            IDnsQueryResponse response;
            try
            {
                response = await _client.QueryAsync(current, type, QueryClass.IN, cancellationToken);
            }
            catch (DnsResponseException e)
            {
                return DnsResolution.Failure(DnsOutcome.Failed, chain, $"{type} {current}: {e.Message}");
            }
            catch (SocketException e)
            {
                return DnsResolution.Failure(DnsOutcome.Failed, chain, $"{type} {current}: {e.Message}");
            }

            if (response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain)
            {
                return DnsResolution.Failure(DnsOutcome.NxDomain, chain, $"{current} does not exist (NXDOMAIN from {response.NameServer})");
            }

            if (response.HasError)
            {
                return DnsResolution.Failure(DnsOutcome.Failed, chain, $"{type} {current}: {response.ErrorMessage} (from {response.NameServer})");
            }

            var start = current;
            for (var hop = 0; hop < MaxChain; hop++)
            {
                var cname = response.Answers.CnameRecords().FirstOrDefault(c => Same(c.DomainName, current));
                if (cname is null)
                {
                    break;
                }

                ttl = Math.Min(ttl, cname.TimeToLive);
                current = Trim(cname.CanonicalName);
                var loop = chain.Contains(current);
                chain.Add(current);
                if (loop || chain.Count > MaxChain + 1)
                {
                    return DnsResolution.Failure(
                        DnsOutcome.Failed, chain, $"CNAME chain of {chain[0]} {(loop ? "loops" : $"is longer than {MaxChain}")}: {string.Join(" -> ", chain)}; fix the DNS records");
                }
            }

            var addresses = response.Answers
                .Where(r => Same(r.DomainName, current))
                .Select(r => r switch
                {
                    ARecord a when type == QueryType.A => (a.Address, a.TimeToLive),
                    AaaaRecord a when type == QueryType.AAAA => (a.Address, a.TimeToLive),
                    _ => ((IPAddress?)null, 0),
                })
                .Where(x => x.Item1 is not null)
                .ToArray();
            if (addresses.Length > 0)
            {
                ttl = Math.Min(ttl, addresses.Min(x => x.Item2));
                var sorted = addresses.Select(x => x.Item1!).Distinct().OrderBy(a => a.GetAddressBytes(), ByteOrder.Instance).ToArray();
                return new DnsResolution(DnsOutcome.Resolved, sorted, TimeSpan.FromSeconds(Math.Max(0, ttl)), chain, null);
            }

            if (current == start)
            {
                var family = type == QueryType.A ? "IPv4 (A)" : "IPv6 (AAAA)";
                return DnsResolution.Failure(DnsOutcome.NoData, chain, $"{current} has no {family} address");
            }

            // the server answered with the CNAME only: ask for the target
        }

        return DnsResolution.Failure(DnsOutcome.Failed, chain, $"CNAME chain of {chain[0]} is longer than {MaxChain} (a loop?)");
    }

    private static string Trim(string name) => name.TrimEnd('.').ToLowerInvariant();

    private static bool Same(DnsString name, string other) =>
        string.Equals(Trim(name.Value), other, StringComparison.OrdinalIgnoreCase);

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
