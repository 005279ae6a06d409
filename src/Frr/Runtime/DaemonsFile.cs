namespace Frr;

/// <summary>
/// Edits FRR's daemons file: sets `NAME=yes` for the wanted daemons and touches no other line
/// (comments, options and other daemons stay as they are).
/// </summary>
public static class DaemonsFile
{
    /// <summary>Returns the new text and whether anything changed.</summary>
    public static (string Text, bool Changed) Enable(string text, IEnumerable<string> daemons)
    {
        ArgumentNullException.ThrowIfNull(text);
        var wanted = daemons.ToHashSet(StringComparer.Ordinal);
        var found = new HashSet<string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        var changed = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var eq = lines[i].IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !wanted.Contains(lines[i][..eq]))
            {
                continue;
            }

            var name = lines[i][..eq];
            found.Add(name);
            if (lines[i] != name + "=yes")
            {
                lines[i] = name + "=yes";
                changed = true;
            }
        }

        var result = string.Join('\n', lines);
        var missing = wanted.Except(found).Order(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            result = result.TrimEnd('\n') + "\n" + string.Concat(missing.Select(m => m + "=yes\n"));
            changed = true;
        }

        return (result, changed);
    }
}
