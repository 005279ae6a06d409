using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Mesh.Benchmarks;

/// <summary>
/// The machine's raw ChaCha20-Poly1305 speed from <c>openssl speed -elapsed -evp chacha20-poly1305 -bytes N -seconds 1 -mr</c>
/// (wall clock, like BenchmarkDotNet; one thread): median bytes/s of three runs, cached per size.
/// </summary>
public static class OpenSslSpeed
{
    private static readonly ConcurrentDictionary<int, double?> Cache = new();

    /// <summary>Bytes per second for blocks of <paramref name="bytes"/>, or null when openssl is missing or its output unreadable.</summary>
    public static double? BytesPerSecond(int bytes) => Cache.GetOrAdd(bytes, Measure);

    private static double? Measure(int bytes)
    {
        var runs = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            if (RunOnce(bytes) is { } r)
            {
                runs.Add(r);
            }
        }

        runs.Sort();
        return runs.Count == 0 ? null : runs[runs.Count / 2];
    }

    private static double? RunOnce(int bytes)
    {
        var psi = new ProcessStartInfo("openssl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "speed", "-elapsed", "-evp", "chacha20-poly1305", "-bytes", bytes.ToString(CultureInfo.InvariantCulture), "-seconds", "1", "-mr" })
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            using var p = Process.Start(psi);
            if (p is null)
            {
                return null;
            }

            var stderr = p.StandardError.ReadToEndAsync();
            var output = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(30_000))
            {
                p.Kill();
                return null;
            }

            _ = stderr.Result;

            // "+F:25:ChaCha20-Poly1305:2096346000.00" → bytes per second
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("+F:", StringComparison.Ordinal));
            var last = line?.Split(':')[^1].Trim();
            return double.TryParse(last, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
