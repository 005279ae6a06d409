using System.Net;
using Mesh.Daemon.Ddns;

namespace Mesh.Daemon.Tests.Ddns;

/// <summary>The resolver against a real authoritative server (Knot DNS on 127.0.0.1).</summary>
public sealed class DnsEndpointResolverTests : IDisposable
{
    private const string Records = """
        wro 5 A 198.51.100.10
        wro 5 AAAA 2001:db8::10
        multi 30 A 198.51.100.2
        multi 30 A 198.51.100.1
        v6 7 AAAA 2001:db8::1
        alias 30 CNAME alias2
        alias2 20 CNAME wro
        outside 40 CNAME wro.other.test.
        loop1 CNAME loop2
        loop2 CNAME loop1
        txtonly TXT "no address"
        """;

    private readonly KnotServer _dns = KnotServer.Run(Records);

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_record_with_its_ttl()
    {
        var r = await Resolver().ResolveAsync("wro.mesh.test", Ct);
        Assert.Equal(DnsOutcome.Resolved, r.Outcome);
        Assert.Equal([IPAddress.Parse("198.51.100.10")], r.Addresses);
        Assert.Equal(TimeSpan.FromSeconds(5), r.Ttl);
    }

    [Theory]
    [InlineData(AddressFamilyPreference.PreferIPv4, "wro", "198.51.100.10")]
    [InlineData(AddressFamilyPreference.PreferIPv6, "wro", "2001:db8::10")]
    [InlineData(AddressFamilyPreference.IPv6Only, "wro", "2001:db8::10")]
    [InlineData(AddressFamilyPreference.PreferIPv4, "v6", "2001:db8::1")]
    public async Task Family_preference(AddressFamilyPreference preference, string name, string expected)
    {
        var r = await Resolver(preference).ResolveAsync($"{name}.mesh.test", Ct);
        Assert.Equal(DnsOutcome.Resolved, r.Outcome);
        Assert.Equal([IPAddress.Parse(expected)], r.Addresses);
    }

    [Fact]
    public async Task Ipv4_only_on_an_ipv6_only_name_is_nodata()
    {
        var r = await Resolver(AddressFamilyPreference.IPv4Only).ResolveAsync("v6.mesh.test", Ct);
        Assert.Equal(DnsOutcome.NoData, r.Outcome);
        Assert.Contains("no IPv4", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cname_chain_is_followed_and_the_ttl_is_the_minimum_along_it()
    {
        var r = await Resolver().ResolveAsync("alias.mesh.test", Ct);
        Assert.Equal(DnsOutcome.Resolved, r.Outcome);
        Assert.Equal(["alias.mesh.test", "alias2.mesh.test", "wro.mesh.test"], r.Chain);
        Assert.Equal([IPAddress.Parse("198.51.100.10")], r.Addresses);
        Assert.Equal(TimeSpan.FromSeconds(5), r.Ttl);
    }

    [Fact]
    public async Task Cname_loop_is_reported_not_followed_forever()
    {
        var r = await Resolver().ResolveAsync("loop1.mesh.test", Ct);
        Assert.Equal(DnsOutcome.Failed, r.Outcome);
        Assert.Contains("CNAME chain", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cname_to_a_name_the_server_does_not_serve_is_not_an_answer()
    {
        var r = await Resolver().ResolveAsync("outside.mesh.test", Ct);
        Assert.NotEqual(DnsOutcome.Resolved, r.Outcome);
        Assert.Equal("wro.other.test", r.Chain[^1]);
    }

    [Fact]
    public async Task Several_addresses_are_sorted()
    {
        var r = await Resolver().ResolveAsync("multi.mesh.test", Ct);
        Assert.Equal([IPAddress.Parse("198.51.100.1"), IPAddress.Parse("198.51.100.2")], r.Addresses);
    }

    [Fact]
    public async Task Nxdomain_and_nodata_are_negative_answers()
    {
        var nx = await Resolver().ResolveAsync("nope.mesh.test", Ct);
        Assert.Equal(DnsOutcome.NxDomain, nx.Outcome);
        Assert.Contains("does not exist", nx.Error, StringComparison.Ordinal);

        var nodata = await Resolver().ResolveAsync("txtonly.mesh.test", Ct);
        Assert.Equal(DnsOutcome.NoData, nodata.Outcome);
    }

    [Fact]
    public async Task Updated_record_is_seen_at_once_because_nothing_is_cached()
    {
        var resolver = Resolver();
        Assert.Equal(IPAddress.Parse("198.51.100.10"), (await resolver.ResolveAsync("wro.mesh.test", Ct)).Addresses[0]);
        _dns.SetRecords("wro 3 A 198.51.100.20");
        var r = await resolver.ResolveAsync("wro.mesh.test", Ct);
        Assert.Equal(IPAddress.Parse("198.51.100.20"), r.Addresses[0]);
        Assert.Equal(TimeSpan.FromSeconds(3), r.Ttl);
    }

    [Fact]
    public async Task Server_down_is_a_failure_not_an_exception()
    {
        var resolver = Resolver();
        _dns.Stop();
        var r = await resolver.ResolveAsync("wro.mesh.test", Ct);
        Assert.Equal(DnsOutcome.Failed, r.Outcome);
        Assert.False(string.IsNullOrEmpty(r.Error));
    }

    public void Dispose() => _dns.Dispose();

    private DnsEndpointResolver Resolver(AddressFamilyPreference preference = AddressFamilyPreference.PreferIPv4) =>
        new(new DnsResolverOptions
        {
            Servers = [_dns.Endpoint],
            Preference = preference,
            Timeout = TimeSpan.FromMilliseconds(500),
            Retries = 0,
        });
}
