using System.Text.Json.Nodes;

namespace ProxmoxSdn.Fake;

/// <summary>
/// The cluster behind the fake API: SDN configs with pending/running semantics, the PVE 9 lock,
/// apply tasks, per-node zone status, cluster security groups, rules and ipsets, and host firewall options. Not thread-safe by itself;
/// the server serializes requests.
/// </summary>
public sealed partial class FakePveState
{
    private readonly Dictionary<string, int> _tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _zonePendingPolls = new(StringComparer.Ordinal);
    private int _taskCounter;

    /// <summary>An empty cluster (no SDN objects) of the given pve-manager version and node names.</summary>
    public FakePveState(string version, IReadOnlyList<string> nodes)
    {
        Version = version;
        Nodes = nodes;
        foreach (var kind in Kinds)
        {
            Config[kind] = new SdnConfig();
            Running[kind] = new SdnConfig();
        }
    }

    /// <summary>The SDN object kinds the fake stores (one configuration each, pending and running).</summary>
    public static readonly string[] Kinds = ["controllers", "zones", "vnets", "subnets"];

    /// <summary>The pve-manager version, e.g. 9.1.3.</summary>
    public string Version { get; }

    /// <summary>Whether the global SDN lock exists (PVE 9 and later).</summary>
    public bool HasLock => Major >= 9;

    /// <summary>The major version number.</summary>
    public int Major => int.Parse(Version.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The cluster's node names.</summary>
    public IReadOnlyList<string> Nodes { get; }

    /// <summary>Pending (edited) configuration per kind.</summary>
    public Dictionary<string, SdnConfig> Config { get; } = new(StringComparer.Ordinal);

    /// <summary>Running (applied) configuration per kind.</summary>
    public Dictionary<string, SdnConfig> Running { get; } = new(StringComparer.Ordinal);

    /// <summary>Current SDN lock token (PVE 9), null when unlocked.</summary>
    public string? LockToken { get; set; }

    /// <summary>Number of applies (<c>PUT /cluster/sdn</c>) that succeeded.</summary>
    public int ApplyCount { get; private set; }

    /// <summary>Status polls a task stays running.</summary>
    public int TaskRunningPolls { get; set; } = 1;

    /// <summary>Exit status of apply tasks.</summary>
    public string TaskExitStatus { get; set; } = "OK";

    /// <summary>Polls of a node's zone list during which its zones stay pending after an apply.</summary>
    public int ZonePendingPolls { get; set; } = 2;

    /// <summary>Nodes whose zones never leave pending.</summary>
    public HashSet<string> StuckNodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Serves one routed, schema-validated request.</summary>
    public PveResponse Handle(PveRequest r) => (r.Method, r.Template) switch
    {
        ("GET", "/version") => PveResponse.Ok(new JsonObject
        {
            ["version"] = Version, ["release"] = string.Join('.', Version.Split('.').Take(2)), ["repoid"] = "0123abcd",
        }),
        ("GET", "/nodes") => PveResponse.Ok(new JsonArray(Nodes.Select(n => (JsonNode)new JsonObject { ["node"] = n, ["status"] = "online" }).ToArray())),
        ("GET", "/nodes/{node}/tasks/{upid}/status") => TaskStatus(r),
        ("GET", "/nodes/{node}/sdn/zones") => NodeZones(r),
        ("PUT", "/cluster/sdn") => Apply(r),
        ("POST", "/cluster/sdn/lock") => AcquireLock(r),
        ("DELETE", "/cluster/sdn/lock") => ReleaseLock(r),
        ("POST", "/cluster/sdn/rollback") => Rollback(r),
        (_, "/cluster/sdn/controllers" or "/cluster/sdn/controllers/{controller}") => Sdn(r, "controllers", "controller", "controller"),
        (_, "/cluster/sdn/zones" or "/cluster/sdn/zones/{zone}") => Sdn(r, "zones", "zone", "zone"),
        (_, "/cluster/sdn/vnets" or "/cluster/sdn/vnets/{vnet}") => Sdn(r, "vnets", "vnet", "vnet"),
        (_, "/cluster/sdn/vnets/{vnet}/subnets" or "/cluster/sdn/vnets/{vnet}/subnets/{subnet}") => Sdn(r, "subnets", "subnet", "subnet"),
        (_, "/cluster/firewall/groups" or "/cluster/firewall/groups/{group}" or "/cluster/firewall/groups/{group}/{pos}") => Compiled(r, Firewall(r)),
        (_, "/cluster/firewall/rules" or "/cluster/firewall/rules/{pos}") => Compiled(r, ClusterRule(r)),
        (_, "/cluster/firewall/ipset" or "/cluster/firewall/ipset/{name}" or "/cluster/firewall/ipset/{name}/{cidr}") => IpSet(r),
        (_, "/cluster/firewall/options" or "/nodes/{node}/firewall/options") => Options(r),
        _ => new PveResponse(501, $"Method '{r.Method} {r.Path}' not implemented by the fake", null),
    };

    /// <summary>Whether any SDN object has a pending state (new, changed or deleted, not yet applied).</summary>
    public bool HasPendingChanges() =>
        Kinds.Any(k => Config[k].Ids.Keys.Union(Running[k].Ids.Keys).Any(id =>
            SdnConfig.PendingView(id, Running[k].Ids.GetValueOrDefault(id), Config[k].Ids.GetValueOrDefault(id))["state"] is not null));

    private PveResponse? CheckLock(PveRequest r, string errmsg) =>
        LockToken is not null && r.Get("lock-token") != LockToken ? PveResponse.Die($"{errmsg}: invalid lock token provided!") : null;

    private PveResponse Apply(PveRequest r)
    {
        if (CheckLock(r, "could not commit SDN config") is { } denied)
        {
            return denied;
        }

        foreach (var k in Kinds)
        {
            Running[k] = Config[k].Clone();
        }

        if (r.Get("lock-token") is not null && r.Flag("release-lock", true))
        {
            LockToken = null;
        }

        ApplyCount++;
        foreach (var n in Nodes)
        {
            _zonePendingPolls[n] = ZonePendingPolls;
        }

        var upid = $"UPID:{Nodes[0]}:{0x1000 + ++_taskCounter:X8}:0000ABCD:{0x67000000 + _taskCounter:X8}:reloadnetworkall::root@pam!meshd:";
        _tasks[upid] = TaskRunningPolls;
        return PveResponse.Ok(upid);
    }

    private PveResponse TaskStatus(PveRequest r)
    {
        if (!_tasks.TryGetValue(r["upid"], out var remaining))
        {
            return PveResponse.Die($"no such task '{r["upid"]}'");
        }

        var o = new JsonObject { ["upid"] = r["upid"], ["node"] = r["node"], ["type"] = "reloadnetworkall", ["user"] = "root@pam!meshd", ["pid"] = 4096, ["pstart"] = 1, ["starttime"] = 1 };
        if (remaining > 0)
        {
            _tasks[r["upid"]] = remaining - 1;
            o["status"] = "running";
        }
        else
        {
            o["status"] = "stopped";
            o["exitstatus"] = TaskExitStatus;
        }

        return PveResponse.Ok(o);
    }

    private PveResponse NodeZones(PveRequest r)
    {
        var node = r["node"];
        if (!Nodes.Contains(node))
        {
            return PveResponse.Die($"hostname lookup '{node}' failed - failed to get address info for: {node}: Name or service not known");
        }

        var left = _zonePendingPolls.GetValueOrDefault(node);
        _zonePendingPolls[node] = Math.Max(0, left - 1);
        var status = StuckNodes.Contains(node) || left > 0 ? "pending" : "available";
        return PveResponse.Ok(new JsonArray(Running["zones"].Ids.Keys
            .Select(z => (JsonNode)new JsonObject { ["zone"] = z, ["status"] = status }).ToArray()));
    }
}
