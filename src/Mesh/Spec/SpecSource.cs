namespace Mesh.Spec;

/// <summary>Where each field of a loaded spec came from (line and column by dotted path) and which fields failed to parse.</summary>
public sealed class SpecSource
{
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _invalid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

    /// <summary>Creates an empty map for a file.</summary>
    public SpecSource(string file) => File = file;

    /// <summary>The file name as given to the loader.</summary>
    public string File { get; }

    /// <summary>Position of a path; falls back to the closest parent that has one, then to 1:1.</summary>
    public (int Line, int Column) PositionOf(string path)
    {
        for (var p = path; ; p = Parent(p))
        {
            if (_positions.TryGetValue(p, out var pos))
            {
                return pos;
            }

            if (p.Length == 0)
            {
                return (1, 1);
            }
        }
    }

    /// <summary>False when the field at this path (or a parent) was present but malformed, so later checks skip it.</summary>
    public bool IsValid(string path)
    {
        for (var p = path; ; p = Parent(p))
        {
            if (_invalid.Contains(p))
            {
                return false;
            }

            if (p.Length == 0)
            {
                return true;
            }
        }
    }

    /// <summary>The raw text of a scalar field, or null.</summary>
    public string? Text(string path) => _texts.GetValueOrDefault(path);

    internal void Record(string path, int line, int column) => _positions.TryAdd(path, (line, column));

    internal void RecordText(string path, string text) => _texts.TryAdd(path, text);

    internal void MarkInvalid(string path) => _invalid.Add(path);

    private static string Parent(string path)
    {
        var bracket = path.EndsWith(']') ? path.LastIndexOf('[') : -1;
        var dot = path.LastIndexOf('.');
        var cut = Math.Max(bracket, dot);
        return cut <= 0 ? string.Empty : path[..cut];
    }
}
