using System.Globalization;

namespace Mesh.Cli.Lab;

/// <summary>PIDs the lab started (name → PID), kept in the state folder so `lab down` stops them by PID.</summary>
public static class LabState
{
    private static string PidFile => Path.Combine(LabTopology.StateDir, "pids");

    /// <summary>Records a started process.</summary>
    public static void Add(string name, int pid)
    {
        Directory.CreateDirectory(LabTopology.StateDir);
        File.AppendAllText(PidFile, string.Create(CultureInfo.InvariantCulture, $"{name} {pid}\n"));
    }

    /// <summary>Every recorded process, latest record per name.</summary>
    public static IReadOnlyDictionary<string, int> All()
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!File.Exists(PidFile))
        {
            return result;
        }

        foreach (var line in File.ReadAllLines(PidFile))
        {
            var parts = line.Split(' ', 2);
            if (parts.Length == 2 && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            {
                result[parts[0]] = pid;
            }
        }

        return result;
    }

    /// <summary>The sites recorded as running (by their meshd entries).</summary>
    public static IReadOnlyList<LabSite> Sites() =>
        [.. LabTopology.AllSites.Where(s => All().ContainsKey("meshd-" + s.Node))];
}
