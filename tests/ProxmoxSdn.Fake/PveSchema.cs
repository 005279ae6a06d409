using System.Text.Json;

namespace ProxmoxSdn.Fake;

/// <summary>One parameter definition of the PVE API schema (the API viewer data).</summary>
public sealed record ParamDef(
    string Type, string? Format, IReadOnlyList<string>? Enum, bool Optional, string? Pattern,
    long? MinLength, long? MaxLength, double? Minimum, double? Maximum, ParamDef? Items);

/// <summary>One path+method of the schema.</summary>
public sealed record Endpoint(string Template, string[] Segments, string Method, IReadOnlyDictionary<string, ParamDef> Parameters);

/// <summary>The PVE API schema loaded from <c>pve-api-*.json</c> (../shared/reference; a flat list of paths is read too).</summary>
public sealed class PveSchema
{
    private readonly List<Endpoint> _endpoints = [];

    private PveSchema(string version) => Version = version;

    /// <summary>The pve-manager version the schema describes, e.g. 9.1.3.</summary>
    public string Version { get; }

    /// <summary>Reads an apidoc JSON file describing pve-manager <paramref name="version"/>.</summary>
    public static PveSchema Load(string path, string version)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var schema = new PveSchema(version);
        schema.Walk(doc.RootElement);
        return schema;
    }

    /// <summary>The pve-manager version the fake models for PVE <paramref name="major"/>: that of ../shared's full schema.</summary>
    public static string VersionOf(int major) => major switch
    {
        8 => "8.4.2",
        9 => "9.1.3",
        _ => throw new ArgumentOutOfRangeException(nameof(major), major, "The fake has API schemas for PVE 8 and 9 only."),
    };

    /// <summary>The endpoint for a concrete path, preferring literal segments over {params}; null when unknown.</summary>
    public (Endpoint Endpoint, Dictionary<string, string> PathParams)? Match(string method, string path)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        (Endpoint, Dictionary<string, string>)? best = null;
        var bestLiterals = -1;
        foreach (var e in _endpoints.Where(e => e.Method == method && e.Segments.Length == segments.Length))
        {
            var pathParams = new Dictionary<string, string>(StringComparer.Ordinal);
            var literals = 0;
            var ok = true;
            for (var i = 0; i < segments.Length && ok; i++)
            {
                var t = e.Segments[i];
                if (t.StartsWith('{'))
                {
                    pathParams[t.Trim('{', '}')] = segments[i];
                }
                else
                {
                    ok = t == segments[i];
                    literals++;
                }
            }

            if (ok && literals > bestLiterals)
            {
                best = (e, pathParams);
                bestLiterals = literals;
            }
        }

        return best;
    }

    /// <summary>Whether any method exists for the path (to tell 501 from 404).</summary>
    public bool HasPath(string path) =>
        new[] { "GET", "POST", "PUT", "DELETE" }.Any(m => Match(m, path) is not null);

    private void Walk(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var node in element.EnumerateArray())
            {
                Walk(node);
            }

            return;
        }

        var template = element.GetProperty("path").GetString()!;
        if (element.TryGetProperty("info", out var info))
        {
            foreach (var m in info.EnumerateObject())
            {
                var props = new Dictionary<string, ParamDef>(StringComparer.Ordinal);
                if (m.Value.TryGetProperty("parameters", out var p) && p.TryGetProperty("properties", out var pp))
                {
                    foreach (var prop in pp.EnumerateObject())
                    {
                        props[prop.Name] = Def(prop.Value);
                    }
                }

                _endpoints.Add(new Endpoint(template, template.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries), m.Name, props));
            }
        }

        if (element.TryGetProperty("children", out var children))
        {
            Walk(children);
        }
    }

    private static ParamDef Def(JsonElement p) => new(
        Str(p, "type") ?? "string",
        Str(p, "format"),
        p.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Select(x => x.ToString()).ToList() : null,
        p.TryGetProperty("optional", out var o) && (o.ValueKind == JsonValueKind.True || (o.ValueKind == JsonValueKind.Number && o.GetInt32() == 1)),
        Str(p, "pattern"),
        Num(p, "minLength") is { } minL ? (long)minL : null,
        Num(p, "maxLength") is { } maxL ? (long)maxL : null,
        Num(p, "minimum"),
        Num(p, "maximum"),
        p.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object ? Def(items) : null);

    private static string? Str(JsonElement p, string key) =>
        p.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Num(JsonElement p, string key) =>
        p.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
