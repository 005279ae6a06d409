using System.Text;

namespace Mesh.Daemon.Nft;

/// <summary>Checks and normalizes nft scripts: only meshd's table may appear; comparison ignores layout.</summary>
internal static class NftScript
{
    private static readonly HashSet<string> CommandWords = new(StringComparer.Ordinal)
    {
        "table", "add", "create", "insert", "replace", "delete", "destroy", "flush", "reset", "list", "rename", "include", "define",
    };

    /// <summary>
    /// The table definition of a script (from its <c>table &lt;id&gt; {</c> line on), after checking that every
    /// table-level command names meshd's own table.
    /// </summary>
    public static string Definition(string script, string tableId)
    {
        var lines = script.Split('\n');
        var start = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            // a rule or chain line never starts with a command keyword, so any line that does (indented or not)
            // is a command and must name meshd's own table
            var line = lines[i].Trim();
            var word = line.Split(' ', 2)[0];
            if (!CommandWords.Contains(word))
            {
                continue;
            }

            var ok = line == $"table {tableId} {{"
                || line == $"add table {tableId}" || line == $"delete table {tableId}" || line == $"flush table {tableId}";
            if (!ok)
            {
                throw new ArgumentException($"nft script line {i + 1} ('{line}') is not about table {tableId}; meshd only loads its own table", nameof(script));
            }

            if (word == "table" && start < 0)
            {
                start = i;
            }
        }

        if (start < 0)
        {
            throw new ArgumentException($"nft script has no 'table {tableId} {{' definition", nameof(script));
        }

        return string.Join('\n', lines[start..]);
    }

    /// <summary>Lines trimmed, blank lines and comments dropped.</summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                sb.Append(line).Append('\n');
            }
        }

        return sb.ToString();
    }
}
