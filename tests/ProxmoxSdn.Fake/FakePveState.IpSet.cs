using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ProxmoxSdn.Fake;

/// <summary>A cluster ipset: comment and entries (newest first, as pve-firewall unshifts them).</summary>
public sealed class FakeIpSet
{
    /// <summary>The ipset comment, if any.</summary>
    public string? Comment { get; set; }

    /// <summary>The entries (cidr, nomatch, comment), newest first.</summary>
    public List<Dictionary<string, string>> Entries { get; } = [];
}

/// <summary>Cluster ipsets, following pve-firewall's API2/Firewall/IPSet.pm (cluster scope).</summary>
public sealed partial class FakePveState
{
    /// <summary>Cluster ipsets by name.</summary>
    public SortedDictionary<string, FakeIpSet> IpSets { get; } = new(StringComparer.Ordinal);

    private PveResponse IpSet(PveRequest r)
    {
        switch (r.Method, r.Template)
        {
            case ("GET", "/cluster/firewall/ipset"):
                return PveResponse.Ok(new JsonArray(IpSets.Select(s => (JsonNode)new JsonObject
                {
                    ["name"] = s.Key, ["comment"] = s.Value.Comment, ["digest"] = "0000",
                }).ToArray()));
            case ("POST", "/cluster/firewall/ipset"):
                return CreateIpSet(r, r["name"]);
        }

        var name = r["name"];
        if (!IpSets.TryGetValue(name, out var set))
        {
            return PveResponse.Die($"no such IPSet '{name}'");
        }

        switch (r.Method, r.Template)
        {
            case ("GET", "/cluster/firewall/ipset/{name}"):
                return PveResponse.Ok(new JsonArray(set.Entries.Select(e => (JsonNode)EntryJson(e)).ToArray()));
            case ("DELETE", "/cluster/firewall/ipset/{name}"):
                if (set.Entries.Count > 0 && !r.Flag("force", false))
                {
                    return PveResponse.Die($"IPSet '{name}' is not empty");
                }

                IpSets.Remove(name);
                return PveResponse.Ok();
            case ("POST", "/cluster/firewall/ipset/{name}"):
                return AddEntry(r, set);
            case ("DELETE", "/cluster/firewall/ipset/{name}/{cidr}"):
                set.Entries.RemoveAll(e => e["cidr"] == r["cidr"]);
                return PveResponse.Ok();
        }

        var entry = set.Entries.FirstOrDefault(e => e["cidr"] == r["cidr"]);
        if (entry is null)
        {
            return PveResponse.Die("no such IP/Network");
        }

        if (r.Method == "GET")
        {
            return PveResponse.Ok(EntryJson(entry));
        }

        foreach (var key in new[] { "comment", "nomatch" })
        {
            if (r.Get(key) is { } v)
            {
                entry[key] = key == "nomatch" ? (r.Flag(key, false) ? "1" : "0") : v;
            }
        }

        return PveResponse.Ok();
    }

    private PveResponse CreateIpSet(PveRequest r, string name)
    {
        if (r.Get("rename") is { } rename)
        {
            if (!IpSets.TryGetValue(rename, out var old))
            {
                return PveResponse.ParamError("name", $"IPSet '{rename}' does not exist");
            }

            if (rename != name && IpSets.ContainsKey(name))
            {
                return PveResponse.ParamError("name", $"IPSet '{name}' does already exist");
            }

            IpSets.Remove(rename);
            old.Comment = r.Get("comment") ?? old.Comment;
            IpSets[name] = old;
            return PveResponse.Ok();
        }

        if (IpSets.ContainsKey(name))
        {
            return PveResponse.ParamError("name", $"IPSet '{name}' already exists");
        }

        IpSets[name] = new FakeIpSet { Comment = r.Get("comment") };
        return PveResponse.Ok();
    }

    private static PveResponse AddEntry(PveRequest r, FakeIpSet set)
    {
        var cidr = r["cidr"];
        if (AliasRef().IsMatch(cidr))
        {
            // the fake has no firewall aliases: pve-firewall's resolve_alias dies for an unknown one
            return PveResponse.Die($"no such alias '{cidr}'");
        }

        cidr = Normalize(cidr);
        if (set.Entries.Any(e => e["cidr"] == cidr))
        {
            return PveResponse.ParamError("cidr", $"address '{cidr}' already exists");
        }

        if (Regex.IsMatch(cidr, "/0+$"))
        {
            return PveResponse.ParamError("cidr", "a zero prefix is not allowed in ipset entries");
        }

        var entry = new Dictionary<string, string>(StringComparer.Ordinal) { ["cidr"] = cidr };
        if (r.Flag("nomatch", false))
        {
            entry["nomatch"] = "1";
        }

        if (r.Get("comment") is { Length: > 0 } comment)
        {
            entry["comment"] = comment;
        }

        set.Entries.Insert(0, entry);
        return PveResponse.Ok();
    }

    /// <summary>pve-firewall's clean_cidr (host bits cleared, address compressed) then parse_ip_or_cidr (/32, /128 dropped).</summary>
    private static string Normalize(string cidr)
    {
        if (cidr.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(cidr.Split('/')[0], out var ip)
            && int.TryParse(cidr.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture, out var len))
        {
            var full = ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
            var net = new IPNetwork(Mask(ip, len), len);
            return len == full ? net.BaseAddress.ToString() : net.ToString();
        }

        return cidr;
    }

    private static IPAddress Mask(IPAddress ip, int len)
    {
        var bytes = ip.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(len - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }

    private static JsonObject EntryJson(Dictionary<string, string> entry)
    {
        var o = new JsonObject();
        foreach (var (k, v) in entry)
        {
            o[k] = k == "nomatch" ? JsonValue.Create(int.Parse(v, System.Globalization.CultureInfo.InvariantCulture)) : JsonValue.Create(v);
        }

        o["digest"] = "0000";
        return o;
    }

    [GeneratedRegex(@"^(dc/|guest/)?[A-Za-z][A-Za-z0-9_-]+$")]
    private static partial Regex AliasRef();
}
