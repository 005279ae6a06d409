using System.Text;
using System.Text.Json;

namespace Mesh.Firewall;

/// <summary>JSON form of a <see cref="FirewallPlan"/> (stable field order, for scripts and <c>meshctl</c>).</summary>
public static class FirewallJson
{
    /// <summary>Writes the plan as indented JSON.</summary>
    public static string Write(FirewallPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("mesh", plan.Mesh);
            w.WriteString("site", plan.Site);
            w.WriteString("node", plan.Node);
            w.WriteString("backend", plan.IsProxmox ? "proxmox" : "nftables");
            w.WriteString("wireguardInterface", plan.WireGuardInterface);
            w.WriteNumber("wireguardPort", plan.WireGuardPort);
            w.WriteString("localVtep", plan.LocalVtep.ToString());
            w.WriteStartArray("rules");
            foreach (var r in plan.Rules)
            {
                w.WriteStartObject();
                w.WriteString("kind", Camel(r.Kind.ToString()));
                w.WriteString("chain", r.Chain == FirewallChain.Input ? "input" : "forward");
                w.WriteString("action", r.Action == FirewallAction.Accept ? "accept" : "drop");
                w.WriteString("protocol", r.Protocol.ToString().ToLowerInvariant());
                WriteOptional(w, "ports", r.DestinationPorts?.ToProxmox());
                WriteAddress(w, "source", r.Source);
                WriteAddress(w, "destination", r.Destination);
                WriteOptional(w, "inInterface", r.InInterface);
                w.WriteString("comment", r.Comment);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("snat");
            foreach (var s in plan.Snat)
            {
                w.WriteStartObject();
                w.WriteString("source", s.Source.ToString());
                w.WriteStartArray("exceptDestinations");
                foreach (var e in s.ExceptDestinations)
                {
                    w.WriteStringValue(e.ToString());
                }

                w.WriteEndArray();
                WriteOptional(w, "outInterface", s.OutInterface);
                w.WriteString("comment", s.Comment);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteAddress(Utf8JsonWriter w, string name, FirewallAddress a)
    {
        w.WriteStartObject(name);
        if (a.ProxmoxIpSet is { } set)
        {
            w.WriteString("ipset", set);
        }

        w.WriteStartArray("networks");
        foreach (var n in a.Networks)
        {
            w.WriteStringValue(n.ToString());
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static string Camel(string s) => char.ToLowerInvariant(s[0]) + s[1..];
}
