using System.Net;
using System.Text.Json.Nodes;

namespace ProxmoxSdn.Fake;

/// <summary>SDN object CRUD with the rules pve-network enforces.</summary>
public sealed partial class FakePveState
{
    private static readonly HashSet<string> Meta = new(StringComparer.Ordinal) { "lock-token", "digest", "delete", "pending", "running" };

    /// <summary>Boolean parameter names per kind (normalized to 1/0 when stored, as PVE does).</summary>
    public Dictionary<string, HashSet<string>> BooleanParams { get; } = new(StringComparer.Ordinal);

    private static string Singular(string kind) => kind[..^1];

    private PveResponse Sdn(PveRequest r, string kind, string idKey, string pathKey)
    {
        var cfg = Config[kind];
        var isItem = r.Template.EndsWith("{" + pathKey + "}", StringComparison.Ordinal);
        if (r.Method == "GET")
        {
            return isItem ? GetOne(r, kind, idKey, r[pathKey]) : List(r, kind, idKey);
        }

        var op = r.Method switch { "POST" => "create", "PUT" => "update", _ => "delete" };
        if (CheckLock(r, $"{op} sdn {Singular(kind)} object failed") is { } denied)
        {
            return denied;
        }

        if (r.Get("digest") is { } digest && digest != cfg.Digest())
        {
            return PveResponse.Die("detected modified configuration - file changed by other user? Try again.");
        }

        var id = r.Method == "POST" ? NewId(r, kind) : r[pathKey];
        if (id is null)
        {
            return PveResponse.Die($"vnet '{r.Get("vnet")}' does not exist");
        }

        if (r.Method != "POST" && !cfg.Ids.ContainsKey(id))
        {
            return PveResponse.Die($"sdn {Singular(kind)} '{id}' does not exist");
        }

        if (r.Method == "DELETE")
        {
            return Delete(kind, id);
        }

        if (r.Method == "POST" && cfg.Ids.ContainsKey(id))
        {
            return PveResponse.Die($"sdn {Singular(kind)} object ID '{id}' already defined");
        }

        var props = r.Method == "POST" ? new SortedDictionary<string, string>(StringComparer.Ordinal) : new SortedDictionary<string, string>(cfg.Ids[id], StringComparer.Ordinal);
        foreach (var d in (r.Get("delete") ?? string.Empty).Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            props.Remove(d);
        }

        foreach (var (k, v) in r.Params.Where(p => !Meta.Contains(p.Key) && p.Key != idKey))
        {
            props[k] = BooleanParams.GetValueOrDefault(kind)?.Contains(k) == true ? (r.Flag(k, false) ? "1" : "0") : v;
        }

        if (kind == "subnets")
        {
            props["vnet"] = r["vnet"];
        }

        if (CheckObject(kind, id, props) is { } invalid)
        {
            return invalid;
        }

        cfg.Ids[id] = props;
        return PveResponse.Ok();
    }

    private string? NewId(PveRequest r, string kind)
    {
        if (kind != "subnets")
        {
            return r[kind == "controllers" ? "controller" : Singular(kind)];
        }

        var zone = Config["vnets"].Ids.GetValueOrDefault(r["vnet"])?.GetValueOrDefault("zone");
        return zone is null ? null : $"{zone}-{r["subnet"].Replace('/', '-')}";
    }

    private PveResponse? CheckObject(string kind, string id, SortedDictionary<string, string> p)
    {
        switch (kind)
        {
            case "controllers" when p.GetValueOrDefault("type") == "evpn":
                if (Config["controllers"].Ids.Any(c => c.Key != id && c.Value.GetValueOrDefault("type") == "evpn"))
                {
                    return PveResponse.Die("only 1 global evpn controller can be defined");
                }

                return p.ContainsKey("peers") ? null : PveResponse.Die("must have exactly one of peers / fabric defined");
            case "zones" when p.GetValueOrDefault("type") == "evpn":
                if (!p.TryGetValue("controller", out var ctl) || !Config["controllers"].Ids.ContainsKey(ctl))
                {
                    return PveResponse.ParamError("controller", ctl is null ? "missing controller" : $"controller '{ctl}' don't exist");
                }

                return p.ContainsKey("vrf-vxlan") ? null : PveResponse.ParamError("vrf-vxlan", "missing vrf-vxlan");
            case "vnets":
                if (!p.TryGetValue("zone", out var zone) || !Config["zones"].Ids.ContainsKey(zone))
                {
                    return PveResponse.Die($"zone '{zone}' does not exist");
                }

                return Config["zones"].Ids[zone].GetValueOrDefault("type") == "evpn" && !p.ContainsKey("tag")
                    ? PveResponse.ParamError("tag", "missing vxlan tag")
                    : null;
            case "subnets":
                var cidr = string.Join('/', id.Split('-').Skip(1));
                if (p.GetValueOrDefault("gateway") is { } gw && !IPNetwork.Parse(cidr).Contains(IPAddress.Parse(gw)))
                {
                    return PveResponse.ParamError("gateway", $"gateway ip {gw} is not in subnet {cidr}");
                }

                return null;
            default:
                return null;
        }
    }

    private PveResponse Delete(string kind, string id)
    {
        switch (kind)
        {
            case "vnets" when Config["subnets"].Ids.Values.Any(s => s.GetValueOrDefault("vnet") == id):
                return PveResponse.ParamError("vnet", "Can't delete vnet if subnets exists");
            case "zones" when Config["vnets"].Ids.FirstOrDefault(v => v.Value.GetValueOrDefault("zone") == id) is { Key: { } vnet }:
                return PveResponse.Die($"zone {id} is used by vnet {vnet}");
            case "controllers" when Config["zones"].Ids.FirstOrDefault(z => z.Value.GetValueOrDefault("controller") == id) is { Key: { } user }:
                return PveResponse.Die($"controller {id} is used by {user}");
        }

        Config[kind].Ids.Remove(id);
        return PveResponse.Ok();
    }

    private PveResponse List(PveRequest r, string kind, string idKey)
    {
        var pending = r.Flag("pending", false);
        var running = r.Flag("running", false);
        var ids = pending ? Config[kind].Ids.Keys.Union(Running[kind].Ids.Keys) : (running ? Running[kind] : Config[kind]).Ids.Keys;
        var items = new JsonArray();
        foreach (var id in ids.Order(StringComparer.Ordinal))
        {
            if (kind == "subnets" && Owner(id) != r["vnet"])
            {
                continue;
            }

            items.Add(View(kind, idKey, id, pending, running));
        }

        return PveResponse.Ok(items);
    }

    private PveResponse GetOne(PveRequest r, string kind, string idKey, string id)
    {
        var exists = Config[kind].Ids.ContainsKey(id) || (r.Flag("pending", false) && Running[kind].Ids.ContainsKey(id));
        return exists ? PveResponse.Ok(View(kind, idKey, id, r.Flag("pending", false), r.Flag("running", false))) : PveResponse.Die($"sdn {Singular(kind)} '{id}' does not exist");
    }

    private string? Owner(string subnetId) =>
        Config["subnets"].Ids.GetValueOrDefault(subnetId)?.GetValueOrDefault("vnet") ?? Running["subnets"].Ids.GetValueOrDefault(subnetId)?.GetValueOrDefault("vnet");

    private JsonObject View(string kind, string idKey, string id, bool pending, bool running)
    {
        JsonObject o;
        if (pending)
        {
            o = SdnConfig.PendingView(id, Running[kind].Ids.GetValueOrDefault(id), Config[kind].Ids.GetValueOrDefault(id));
        }
        else
        {
            o = new JsonObject();
            foreach (var (k, v) in (running ? Running : Config)[kind].Ids[id])
            {
                o[k] = SdnConfig.Value(k, v);
            }
        }

        o[idKey] = id;
        o["digest"] = Config[kind].Digest();
        if (kind == "subnets")
        {
            var parts = id.Split('-');
            o["zone"] = parts[0];
            o["cidr"] = parts[1] + "/" + parts[2];
            o["network"] = parts[1];
            o["mask"] = parts[2];
        }

        return o;
    }
}
