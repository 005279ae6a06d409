using System.Diagnostics;

namespace TestSupport;

/// <summary>Guards for tests that need root, network namespaces or an installed tool.</summary>
public static class Privileged
{
    /// <summary>True when running as uid 0.</summary>
    public static bool IsRoot => Environment.UserName == "root" || GetEuid() == 0;

    /// <summary>
    /// Skips unless root. In CI (CI=true) a privileged test must run, so a missing privilege fails instead of skipping.
    /// </summary>
    public static void RequireRoot()
    {
        if (IsRoot)
        {
            return;
        }

        if (IsCi)
        {
            Assert.Fail("this test needs root and CI runs as root: run the README's test command as root");
        }

        Assert.Skip("needs root (network namespaces); run the README's test command as root");
    }

    /// <summary>Skips (or fails in CI) unless every named program is on PATH.</summary>
    public static void RequireTools(params string[] programs)
    {
        var missing = programs.Where(p => Which(p) is null).ToArray();
        if (missing.Length == 0)
        {
            return;
        }

        var message = $"missing program(s): {string.Join(", ", missing)}; scripts/setup installs them";
        if (IsCi)
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
    }

    /// <summary>True when the CI environment variable is set to true.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Full path of a program on PATH (or in /usr/sbin, /sbin), or null.</summary>
    public static string? Which(string program)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty) + ":/usr/sbin:/sbin:/usr/lib/frr";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static int GetEuid()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("id", "-u") { RedirectStandardOutput = true });
            var s = p!.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return int.TryParse(s, out var v) ? v : -1;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
