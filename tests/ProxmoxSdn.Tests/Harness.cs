using ProxmoxSdn.Api;
using ProxmoxSdn.Fake;
using ProxmoxSdn.Model;
using ProxmoxSdn.Sync;
using TestSupport;

namespace ProxmoxSdn.Tests;

/// <summary>A fake PVE cluster plus a pinned client and a reconciler with short timings.</summary>
internal sealed class Harness : IAsyncDisposable
{
    private Harness(FakePveServer server, string stateDir)
    {
        Server = server;
        StateDir = stateDir;
        Api = new ProxmoxApiClient(ClientOptions(server));
        Reconciler = new SdnReconciler(Api, ReconcilerOptions(stateDir));
    }

    /// <summary>Schema sources: PVE 8 and 9, the full schemas in ../shared/reference (the tests skip when it is absent).</summary>
    public static TheoryData<string> Schemas => new("8", "9");

    public FakePveServer Server { get; }

    public FakePveState State => Server.State;

    public ProxmoxApiClient Api { get; }

    public SdnReconciler Reconciler { get; }

    public string StateDir { get; }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, PveSchema> SchemaCache = new(StringComparer.Ordinal);

    /// <summary>The API schema of PVE <paramref name="source"/> ("8" or "9") from ../shared/reference; skips the test when absent.</summary>
    public static PveSchema LoadSchema(string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        var version = PveSchema.VersionOf(source[0] - '0');
        var path = Repo.RequireShared("reference", "proxmox-api", $"pve-api-{version}.json");
        return SchemaCache.GetOrAdd(source, _ => PveSchema.Load(path, version));
    }

    public static Harness Start(string source, params string[] nodes)
    {
        var dir = Directory.CreateTempSubdirectory("pvesdn-state-").FullName;
        return new Harness(new FakePveServer(LoadSchema(source), nodes), dir);
    }

    public static ProxmoxClientOptions ClientOptions(FakePveServer server) => new()
    {
        BaseAddress = server.BaseAddress,
        Token = ApiToken.TryParse(FakePveServer.TokenText, out var t) ? t! : throw new InvalidOperationException(),
        Fingerprint = server.Fingerprint,
        RequestTimeout = TimeSpan.FromSeconds(5),
        MaxAttempts = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(2),
    };

    public static SdnReconcilerOptions ReconcilerOptions(string stateDir) => new()
    {
        StateDirectory = stateDir,
        ClusterName = "roz",
        TaskPollInterval = TimeSpan.FromMilliseconds(5),
        ZonePollInterval = TimeSpan.FromMilliseconds(5),
        ZonePollAttempts = 5,
    };

    public List<LoggedRequest> WritesSince(int mark) => Server.Log.Skip(mark).Where(r => r.IsWrite).ToList();

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(StateDir, recursive: true);
    }
}

/// <summary>The seed's roz site as a desired state.</summary>
internal static class Seed
{
    public static ClusterDesiredState Roz(string[]? peers = null, SdnSubnet[]? subnets = null) => new(
        new SdnController("evpnctl", 65000, (peers ?? ["10.2.0.1", "10.1.0.1"]).ToValueList()),
        [new SdnZone("crossite", "evpnctl", 99999) { ExitNodes = ["pve1"], Mtu = 1370 }],
        [new SdnVnet("crossvnt", "crossite", 100000, "Cross-site EVPN network - Rozalin subnet")],
        (subnets ?? [new SdnSubnet("crossvnt", "10.1.1.0/24", "10.1.1.1", Snat: true)]).ToValueList(),
        [
            new FirewallGroup("mesh-sdn", "cross-site SDN",
            [
                new FirewallRule("forward", "ACCEPT") { Source = "+sdn/crossvnt-all", Comment = "overlay to overlay" },
                new FirewallRule("in", "ACCEPT") { Source = "10.2.0.0/16", Proto = "udp", Dport = "4789", Comment = "VXLAN from wro" },
                new FirewallRule("in", "ACCEPT") { Source = "10.2.0.0/16", Proto = "tcp", Dport = "179", Comment = "BGP from wro" },
            ]),
        ]);
}
