using System.Net;
using ProxmoxSdn.Api;

namespace ProxmoxSdn.Tests;

/// <summary>The double rejects what the real API rejects, with PVE's messages.</summary>
public sealed class FakeApiFidelityTests
{
    private static readonly KeyValuePair<string, string>[] Controller =
        [new("controller", "evpnctl"), new("type", "evpn"), new("asn", "65000"), new("peers", "10.1.0.1,10.2.0.1")];

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task Unknown_parameter_is_rejected(string schema)
    {
        await using var h = Harness.Start(schema);
        var ex = await Send(h, ApiMethod.Post, "/cluster/sdn/controllers", [.. Controller, new("colour", "blue")]);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("Parameter verification failed.", ex.Reason);
        Assert.Equal("property is not defined in schema and the schema does not allow additional properties", ex.Errors["colour"]);
    }

    [Theory]
    [InlineData("8", "zone", "crosssite", "value may only be 8 characters long")]
    [InlineData("9", "zone", "crosssite", "value may only be 8 characters long")]
    [InlineData("9", "zone", "9zone", "value does not match the regex pattern")]
    [InlineData("9", "zone", "zone-1", "value does not match the regex pattern")]
    [InlineData("9", "vrf-vxlan", "16777216", "value must have a maximum value of 16777215")]
    [InlineData("9", "vrf-vxlan", "many", "type check ('integer') failed - got 'many'")]
    [InlineData("9", "advertise-subnets", "maybe", "type check ('boolean') failed - got 'maybe'")]
    [InlineData("9", "type", "fabric", "value 'fabric' does not have a value in the enumeration 'evpn, faucet, qinq, simple, vlan, vxlan'")]
    public async Task Zone_values_are_checked_against_the_schema(string schema, string key, string value, string message)
    {
        await using var h = Harness.Start(schema);
        var p = new Dictionary<string, string> { ["zone"] = "crossite", ["type"] = "evpn", ["controller"] = "evpnctl", ["vrf-vxlan"] = "99999", [key] = value };
        var ex = await Send(h, ApiMethod.Post, "/cluster/sdn/zones", [.. p]);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal(message, ex.Errors[key]);
    }

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task Group_names_longer_than_18_characters_are_rejected(string schema)
    {
        await using var h = Harness.Start(schema);
        var ex = await Send(h, ApiMethod.Post, "/cluster/firewall/groups", [new("group", "mesh-sdn-crossite-x")]);
        Assert.Equal("value may only be 18 characters long", ex.Errors["group"]);
        await h.Api.SendAsync(ApiMethod.Post, "/cluster/firewall/groups", [new("group", "mesh-sdn-crossite")], TestContext.Current.CancellationToken);
    }

    [Theory]
    [MemberData(nameof(Harness.Schemas), MemberType = typeof(Harness))]
    public async Task Sdn_rules_on_the_cluster_side_follow_pve(string schema)
    {
        await using var h = Harness.Start(schema);
        var ct = TestContext.Current.CancellationToken;
        var lockToken = h.State.HasLock ? (await h.Api.SendAsync(ApiMethod.Post, "/cluster/sdn/lock", [], ct)).GetString() : null;
        KeyValuePair<string, string>[] T(params KeyValuePair<string, string>[] p) => lockToken is null ? p : [.. p, new("lock-token", lockToken)];

        await h.Api.SendAsync(ApiMethod.Post, "/cluster/sdn/controllers", T(Controller), ct);
        var second = await Send(h, ApiMethod.Post, "/cluster/sdn/controllers", T(new("controller", "other"), new("type", "evpn"), new("asn", "65001"), new("peers", "10.9.0.1")));
        Assert.Equal("only 1 global evpn controller can be defined", second.Reason);

        await h.Api.SendAsync(ApiMethod.Post, "/cluster/sdn/zones", T(new("zone", "crossite"), new("type", "evpn"), new("controller", "evpnctl"), new("vrf-vxlan", "99999")), ct);
        await h.Api.SendAsync(ApiMethod.Post, "/cluster/sdn/vnets", T(new("vnet", "crossvnt"), new("zone", "crossite"), new("tag", "100000")), ct);
        await h.Api.SendAsync(ApiMethod.Post, "/cluster/sdn/vnets/crossvnt/subnets", T(new("subnet", "10.1.1.0/24"), new("type", "subnet"), new("gateway", "10.1.1.1")), ct);

        var badSubnet = await Send(h, ApiMethod.Post, "/cluster/sdn/vnets/crossvnt/subnets", T(new("subnet", "10.1.1.7/24"), new("type", "subnet")));
        Assert.Equal("value does not look like a valid CIDR network", badSubnet.Errors["subnet"]);

        var withSubnets = await Send(h, ApiMethod.Delete, "/cluster/sdn/vnets/crossvnt", T());
        Assert.Equal(HttpStatusCode.BadRequest, withSubnets.StatusCode);
        Assert.Equal("Can't delete vnet if subnets exists", withSubnets.Errors["vnet"]);

        var view = await h.Api.GetAsync("/cluster/sdn/zones", [new("pending", "1")], ct);
        var zone = view.EnumerateArray().Single();
        Assert.Equal("new", zone.GetProperty("state").GetString());
        Assert.Equal(99999, zone.GetProperty("pending").GetProperty("vrf-vxlan").GetInt32());

        var early = await Send(h, ApiMethod.Post, "/cluster/firewall/groups/g1", [new("type", "forward"), new("action", "ACCEPT"), new("source", "+sdn/crossvnt-all")], group: "g1");
        Assert.Equal("no such ipset 'crossvnt-all'", early.Errors["source"]);

        await h.Api.SendAsync(ApiMethod.Put, "/cluster/sdn", T(), ct);
        await h.Api.SendAsync(ApiMethod.Post, "/cluster/firewall/groups/g1", [new("type", "forward"), new("action", "ACCEPT"), new("source", "+sdn/crossvnt-all")], ct);
        Assert.Equal("0", h.State.Groups["g1"].Rules[0]["enable"]);
    }

    [Fact]
    public async Task Pve8_has_no_lock_and_rejects_lock_tokens()
    {
        await using var h = Harness.Start("8");
        var ex = await Send(h, ApiMethod.Post, "/cluster/sdn/controllers", [.. Controller, new("lock-token", "x")]);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Contains("lock-token", ex.Errors.Keys);

        var noLock = await Send(h, ApiMethod.Post, "/cluster/sdn/lock", []);
        Assert.Equal(HttpStatusCode.NotImplemented, noLock.StatusCode);
    }

    [Fact]
    public async Task Pve9_lock_refuses_writes_without_the_token_and_rollback_restores_running()
    {
        await using var h = Harness.Start("9");
        var ct = TestContext.Current.CancellationToken;
        var token = (await h.Api.SendAsync(ApiMethod.Post, "/cluster/sdn/lock", [], ct)).GetString()!;

        var denied = await Send(h, ApiMethod.Post, "/cluster/sdn/controllers", Controller);
        Assert.Equal("create sdn controller object failed: invalid lock token provided!", denied.Reason);
        var second = await Send(h, ApiMethod.Post, "/cluster/sdn/lock", []);
        Assert.Equal("could not acquire lock for SDN config: invalid lock token provided!", second.Reason);

        await h.Api.SendAsync(ApiMethod.Post, "/cluster/sdn/controllers", [.. Controller, new("lock-token", token)], ct);
        Assert.True(h.State.HasPendingChanges());
        await h.Api.SendAsync(ApiMethod.Post, "/cluster/sdn/rollback", [new("lock-token", token)], ct);

        Assert.False(h.State.HasPendingChanges());
        Assert.Null(h.State.LockToken);
        h.State.Config["zones"].Ids["lab"] = new(StringComparer.Ordinal) { ["type"] = "simple" };
        var pending = await Send(h, ApiMethod.Post, "/cluster/sdn/lock", []);
        Assert.Equal("could not acquire lock for SDN config: configuration has pending changes", pending.Reason);
    }

    private static async Task<ProxmoxApiException> Send(
        Harness h, ApiMethod method, string path, KeyValuePair<string, string>[] parameters, string? group = null)
    {
        if (group is not null)
        {
            await h.Api.SendAsync(ApiMethod.Post, "/cluster/firewall/groups", [new("group", group)], TestContext.Current.CancellationToken);
        }

        return await Assert.ThrowsAsync<ProxmoxApiException>(() => h.Api.SendAsync(method, path, parameters, TestContext.Current.CancellationToken));
    }
}
