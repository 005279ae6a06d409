namespace ProxmoxSdn.Sync;

/// <summary>How a PVE property compares: plain text, a 0/1 flag (absent = 0), or an unordered list.</summary>
internal enum PropKind
{
    Text,
    Flag,
    List,
}

/// <summary>A managed property and its desired value (null = must be absent).</summary>
internal sealed record DesiredProp(string Name, PropKind Kind, string? Value)
{
    public static DesiredProp Text(string name, object? value) =>
        new(name, PropKind.Text, value is null ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));

    public static DesiredProp Flag(string name, bool value) => new(name, PropKind.Flag, value ? "1" : "0");

    public static DesiredProp List(string name, IEnumerable<string> values)
    {
        var joined = Normalize(PropKind.List, string.Join(',', values));
        return new(name, PropKind.List, joined.Length == 0 ? null : joined);
    }

    public static string Normalize(PropKind kind, string? value) => kind switch
    {
        PropKind.Flag => value?.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on" ? "1" : "0",
        PropKind.List => string.Join(',', (value ?? string.Empty)
            .Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)),
        _ => value?.Trim() ?? string.Empty,
    };
}

/// <summary>Minimal create/update computation shared by every object type.</summary>
internal static class ObjectDiff
{
    /// <summary>POST with id parameters and every set property; flags are always sent explicitly.</summary>
    public static ApiWrite Create(string path, IEnumerable<KeyValuePair<string, string>> ids, IReadOnlyList<DesiredProp> props) =>
        ApiWrite.Of(Api.ApiMethod.Post, path,
            ids.Concat(props.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Name, p.Value!))));

    /// <summary>PUT of only the changed properties plus a <c>delete</c> list; null when nothing differs.</summary>
    public static ApiWrite? Update(string path, IReadOnlyList<DesiredProp> props, ObservedObject current)
    {
        var set = new List<KeyValuePair<string, string>>();
        var delete = new List<string>();
        foreach (var p in props)
        {
            var have = current[p.Name];
            if (p.Value is null)
            {
                if (have is not null && !(p.Kind == PropKind.Flag && DesiredProp.Normalize(p.Kind, have) == "0"))
                {
                    delete.Add(p.Name);
                }
            }
            else if (DesiredProp.Normalize(p.Kind, p.Value) != DesiredProp.Normalize(p.Kind, have))
            {
                set.Add(KeyValuePair.Create(p.Name, p.Value));
            }
        }

        if (set.Count == 0 && delete.Count == 0)
        {
            return null;
        }

        if (delete.Count > 0)
        {
            set.Add(KeyValuePair.Create("delete", string.Join(',', delete)));
        }

        return ApiWrite.Of(Api.ApiMethod.Put, path, set);
    }
}
