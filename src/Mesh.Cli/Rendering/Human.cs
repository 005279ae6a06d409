using System.Globalization;

namespace Mesh.Cli.Rendering;

/// <summary>Short human forms for ages, byte counts and durations (80-column output).</summary>
public static class Human
{
    /// <summary>"4s", "3m12s", "2h05m", "3d04h", or "never".</summary>
    public static string Age(DateTimeOffset? then, DateTimeOffset now)
    {
        if (then is null)
        {
            return "never";
        }

        var s = Math.Max(0, (now - then.Value).TotalSeconds);
        return Duration(TimeSpan.FromSeconds(s));
    }

    /// <summary>A compact duration.</summary>
    public static string Duration(TimeSpan d) => d.TotalSeconds switch
    {
        < 60 => $"{(int)d.TotalSeconds}s",
        < 3600 => $"{(int)d.TotalMinutes}m{d.Seconds:00}s",
        < 86400 => $"{(int)d.TotalHours}h{d.Minutes:00}m",
        _ => $"{(int)d.TotalDays}d{d.Hours:00}h",
    };

    /// <summary>"512 B", "1.4 KiB", "3.2 MiB", "1.1 GiB".</summary>
    public static string Bytes(long n)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double v = n;
        var u = 0;
        while (v >= 1024 && u < units.Length - 1)
        {
            v /= 1024;
            u++;
        }

        return u == 0 ? $"{n} B" : string.Create(CultureInfo.InvariantCulture, $"{v:0.0} {units[u]}");
    }

    /// <summary>Cuts a string to a column width with an ellipsis.</summary>
    public static string Fit(string? s, int width)
    {
        s ??= "-";
        return s.Length <= width ? s : string.Concat(s.AsSpan(0, width - 1), "…");
    }
}
