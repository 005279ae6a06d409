using Mesh.Daemon.Nft;
using Mesh.Firewall;
using Microsoft.Extensions.Logging.Abstractions;
using TestSupport;

namespace Mesh.Daemon.Tests.Nft;

/// <summary>Real nft inside a throwaway namespace: idempotent loads, SNAT removal, foreign tables untouched, errors.</summary>
public sealed class NftApplierTests
{
    private const string Foreign = """
        table inet other {
        	chain c {
        		type filter hook input priority filter; policy accept;
        		tcp dport 22 accept comment "someone else's rule"
        	}
        }
        """;

    private static NetNs Namespace()
    {
        Privileged.RequireRoot();
        Privileged.RequireTools("nft", "ip");
        return NetNs.Create("fw");
    }

    private static NftApplier Applier(NetNs ns) =>
        new(new NftOptions { NetworkNamespace = ns.Name }, NullLogger<NftApplier>.Instance);

    [Fact]
    public async Task Applying_the_same_plan_twice_loads_once()
    {
        using var ns = Namespace();
        var nft = Applier(ns);
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(NftApplyOutcome.Loaded, await nft.ApplyAsync(NftPlans.Roz(), ct));
        Assert.Equal(NftApplyOutcome.Unchanged, await nft.ApplyAsync(NftPlans.Roz(), ct));
        Assert.Equal(NftRenderer.Definition(NftPlans.Roz()), await nft.ReadTableAsync(ct));
    }

    [Fact]
    public async Task Every_rendered_construct_loads_and_reads_back_identically()
    {
        using var ns = Namespace();
        var nft = Applier(ns);
        var ct = TestContext.Current.CancellationToken;
        var plan = NftPlans.Everything();

        Assert.Equal(NftApplyOutcome.Loaded, await nft.ApplyAsync(plan, ct));
        Assert.Equal(NftRenderer.Definition(plan), await nft.ReadTableAsync(ct));
        Assert.Equal(NftApplyOutcome.Unchanged, await nft.ApplyAsync(plan, ct));
    }

    [Fact]
    public async Task Turning_snat_off_removes_the_snat_rule()
    {
        using var ns = Namespace();
        var nft = Applier(ns);
        var ct = TestContext.Current.CancellationToken;

        await nft.ApplyAsync(NftPlans.Roz(snat: true), ct);
        Assert.Contains("masquerade", await nft.ReadTableAsync(ct), StringComparison.Ordinal);

        Assert.Equal(NftApplyOutcome.Loaded, await nft.ApplyAsync(NftPlans.Roz(snat: false), ct));
        var table = await nft.ReadTableAsync(ct);
        Assert.DoesNotContain("masquerade", table, StringComparison.Ordinal);
        Assert.DoesNotContain("postrouting", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_foreign_table_survives_apply_and_removal()
    {
        using var ns = Namespace();
        var nft = Applier(ns);
        var ct = TestContext.Current.CancellationToken;
        ns.Exec("nft", ["-f", "-"], stdin: Foreign).EnsureSuccess("load foreign table");
        var before = ns.Must("nft", "list", "table", "inet", "other");

        await nft.ApplyAsync(NftPlans.Roz(), ct);
        Assert.Equal(before, ns.Must("nft", "list", "table", "inet", "other"));

        Assert.Equal(NftApplyOutcome.Removed, await nft.ApplyAsync(null, ct));
        Assert.Equal(NftApplyOutcome.Absent, await nft.ApplyAsync(null, ct));
        Assert.Null(await nft.ReadTableAsync(ct));
        Assert.Equal(before, ns.Must("nft", "list", "table", "inet", "other"));
    }

    [Fact]
    public async Task A_rejected_script_reports_nfts_error_with_the_line_and_keeps_the_running_table()
    {
        using var ns = Namespace();
        var nft = Applier(ns);
        var ct = TestContext.Current.CancellationToken;
        await nft.ApplyAsync(NftPlans.Roz(), ct);
        const string bad = "add table inet meshd\ndelete table inet meshd\ntable inet meshd {\n\tchain input {\n\t\ttcp dport 179 frobnicate\n\t}\n}\n";

        var ex = await Assert.ThrowsAsync<NftException>(() => nft.ApplyScriptAsync(bad, ct));

        Assert.Contains("nft -c rejected", ex.Message, StringComparison.Ordinal);
        Assert.Contains(":5:", ex.StdErr, StringComparison.Ordinal);
        Assert.Contains("Error", ex.StdErr, StringComparison.Ordinal);
        Assert.Equal(NftRenderer.Definition(NftPlans.Roz()), await nft.ReadTableAsync(ct));
    }

    [Fact]
    public async Task A_script_naming_another_table_is_refused_before_nft_runs()
    {
        var nft = new NftApplier(new NftOptions { NftPath = "/nonexistent/nft" }, NullLogger<NftApplier>.Instance);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            nft.ApplyScriptAsync("add table inet meshd\ndelete table inet other\ntable inet meshd {\n}\n", TestContext.Current.CancellationToken));

        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("only loads its own table", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("flush ruleset\ntable inet meshd {\n}\n", 1)]
    [InlineData("table inet meshd {\n\tchain input {\n\t}\n}\n\tdelete table ip filter\n", 5)]
    [InlineData("table ip meshd {\n}\n", 1)]
    public async Task Any_command_outside_meshds_table_is_refused(string script, int line)
    {
        var nft = new NftApplier(new NftOptions { NftPath = "/nonexistent/nft" }, NullLogger<NftApplier>.Instance);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => nft.ApplyScriptAsync(script, TestContext.Current.CancellationToken));

        Assert.Contains($"line {line} ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_nft_says_which_package_to_install()
    {
        var nft = new NftApplier(new NftOptions { NftPath = "/nonexistent/nft" }, NullLogger<NftApplier>.Instance);

        var ex = await Assert.ThrowsAsync<NftException>(() => nft.ReadTableAsync(TestContext.Current.CancellationToken));

        Assert.Contains("nftables package", ex.Message, StringComparison.Ordinal);
    }
}
