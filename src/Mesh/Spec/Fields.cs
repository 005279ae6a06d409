using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Mesh.Spec;

/// <summary>Reads the fields of one YAML mapping, recording positions and reporting unknown, missing and malformed fields.</summary>
internal sealed class Fields
{
    private readonly BindContext _ctx;
    private readonly Dictionary<string, KeyValuePair<YScalar, YNode>> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _suggested = new(StringComparer.Ordinal);

    public Fields(BindContext ctx, YMapping map, string path, params string[] known)
    {
        _ctx = ctx;
        Map = map;
        Path = path;
        ctx.Source.Record(path, map.Line, map.Column);
        foreach (var entry in map.Entries)
        {
            var key = entry.Key.Value;
            if (known.Contains(key, StringComparer.Ordinal))
            {
                _entries[key] = entry;
                ctx.Source.Record(BindContext.Join(path, key), entry.Value.Line, entry.Value.Column);
            }
            else if (!PrivateKeyScan.IsPrivateKeyName(key))
            {
                var hint = Suggest.Closest(key, known);
                if (hint is not null)
                {
                    _suggested.Add(hint);
                }

                var keyPath = BindContext.Join(path, key);
                ctx.Error(entry.Key, keyPath, hint is null
                    ? $"unknown key '{key}'; known keys here: {string.Join(", ", known)}"
                    : $"unknown key '{key}'; did you mean '{hint}'?");
            }
        }
    }

    public YMapping Map { get; }

    public string Path { get; }

    public string PathOf(string key) => BindContext.Join(Path, key);

    /// <summary>The raw node of a key, or null (reporting it when required).</summary>
    public YNode? Node(string key, string? requiredHint = null)
    {
        if (_entries.TryGetValue(key, out var entry) && !(entry.Value is YScalar { IsNull: true } && requiredHint is not null))
        {
            return entry.Value;
        }

        if (requiredHint is not null)
        {
            _ctx.Source.MarkInvalid(PathOf(key));
            if (_suggested.Contains(key) && !_entries.ContainsKey(key))
            {
                // the misspelled key was already reported with this one as the suggestion
                return null;
            }

            var where = _entries.TryGetValue(key, out var e) ? (YNode)e.Key : Map;
            _ctx.Error(where, PathOf(key), $"missing required field '{key}': {requiredHint}");
        }

        return null;
    }

    public YScalar? Scalar(string key, string? requiredHint = null)
    {
        var node = Node(key, requiredHint);
        switch (node)
        {
            case null:
                return null;
            case YScalar { IsNull: true }:
                return null;
            case YScalar s:
                _ctx.Source.RecordText(PathOf(key), s.Value);
                return s;
            default:
                _ctx.Invalid(node, PathOf(key), $"expected a single value, found {node.Kind}");
                return null;
        }
    }

    public string? String(string key, string? requiredHint = null) => Scalar(key, requiredHint)?.Value;

    public int? Int(string key, int min, int max, string? requiredHint = null)
    {
        var s = Scalar(key, requiredHint);
        if (s is null)
        {
            return null;
        }

        if (s.Plain && int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max)
        {
            return v;
        }

        _ctx.Invalid(s, PathOf(key), $"'{s.Value}' is not a whole number in {min}..{max}");
        return null;
    }

    public long? Long(string key, string? requiredHint = null)
    {
        var s = Scalar(key, requiredHint);
        if (s is null)
        {
            return null;
        }

        if (s.Plain && long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }

        _ctx.Invalid(s, PathOf(key), $"'{s.Value}' is not a whole number");
        return null;
    }

    public bool Bool(string key, bool defaultValue)
    {
        var s = Scalar(key);
        if (s is null)
        {
            return defaultValue;
        }

        if (s.Plain && s.Value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return s.Value.Equals("true", StringComparison.OrdinalIgnoreCase);
        }

        _ctx.Invalid(s, PathOf(key), $"'{s.Value}' is not a boolean; write true or false");
        return defaultValue;
    }

    /// <summary>Parses a scalar with a parser returning null on success or an error message.</summary>
    public T? Parse<T>(string key, TryParser<T> parser, string? requiredHint = null)
        where T : struct
    {
        var s = Scalar(key, requiredHint);
        if (s is null)
        {
            return null;
        }

        if (parser(s.Value, out var value, out var error))
        {
            return value;
        }

        _ctx.Invalid(s, PathOf(key), error);
        return null;
    }

    public T? ParseRef<T>(string key, TryParser<T> parser, string? requiredHint = null)
        where T : class
    {
        var s = Scalar(key, requiredHint);
        if (s is null)
        {
            return null;
        }

        if (parser(s.Value, out var value, out var error))
        {
            return value;
        }

        _ctx.Invalid(s, PathOf(key), error);
        return null;
    }

    public YMapping? Mapping(string key, string? requiredHint = null)
    {
        var node = Node(key, requiredHint);
        switch (node)
        {
            case null or YScalar { IsNull: true }:
                return null;
            case YMapping m:
                return m;
            default:
                _ctx.Invalid(node, PathOf(key), $"expected a mapping (key: value lines), found {node.Kind}");
                return null;
        }
    }

    /// <summary>A list of scalars; a single scalar counts as a one-item list.</summary>
    public List<(YScalar Node, string Path)> ScalarList(string key)
    {
        var result = new List<(YScalar, string)>();
        var node = Node(key);
        switch (node)
        {
            case null or YScalar { IsNull: true }:
                break;
            case YScalar s:
                result.Add((s, $"{PathOf(key)}[0]"));
                break;
            case YSequence seq:
                for (var i = 0; i < seq.Items.Count; i++)
                {
                    var itemPath = $"{PathOf(key)}[{i}]";
                    _ctx.Source.Record(itemPath, seq.Items[i].Line, seq.Items[i].Column);
                    if (seq.Items[i] is YScalar { IsNull: false } item)
                    {
                        result.Add((item, itemPath));
                    }
                    else
                    {
                        _ctx.Invalid(seq.Items[i], itemPath, $"expected a single value, found {seq.Items[i].Kind}");
                    }
                }

                break;
            default:
                _ctx.Invalid(node, PathOf(key), $"expected a list, found {node.Kind}");
                break;
        }

        return result;
    }

    public YSequence? Sequence(string key)
    {
        var node = Node(key);
        switch (node)
        {
            case null or YScalar { IsNull: true }:
                return null;
            case YSequence s:
                return s;
            default:
                _ctx.Invalid(node, PathOf(key), $"expected a list (lines starting with '- '), found {node.Kind}");
                return null;
        }
    }
}

/// <summary>Parses text into a value or explains why not.</summary>
internal delegate bool TryParser<T>(string text, [MaybeNullWhen(false)] out T value, [NotNullWhen(false)] out string? error);
