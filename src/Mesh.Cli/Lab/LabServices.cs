using System.Globalization;
using System.Text;

namespace Mesh.Cli.Lab;

/// <summary>The lab's real services: Knot DNS (authoritative for the sites' names) and a web server standing in for example.com.</summary>
public static class LabServices
{
    private static string DnsDir => Path.Combine(LabTopology.StateDir, "dns");

    private static string KnotConf => Path.Combine(DnsDir, "knot.conf");

    /// <summary>Starts knotd in the DNS namespace; returns its PID once it answers.</summary>
    public static int StartDns(IReadOnlyDictionary<string, string> records)
    {
        Directory.CreateDirectory(Path.Combine(DnsDir, "db"));
        File.WriteAllText(KnotConf, $"""
            server:
                rundir: "{DnsDir}"
                listen: {LabTopology.DnsIp}@53
                background-workers: 1
                udp-workers: 1
                tcp-workers: 1
            log:
              - target: stderr
                any: info
            database:
                storage: "{DnsDir}/db"
            template:
              - id: default
                storage: "{DnsDir}"
                zonefile-sync: -1
                zonefile-load: whole
                journal-content: none
            zone:
              - domain: {LabTopology.Zone}
                file: "{LabTopology.Zone}.zone"

            """);
        WriteZone(records, 1);
        var pid = LabShell.Spawn(LabTopology.DnsNs, Path.Combine(LabTopology.StateDir, "knotd.log"), "knotd", "-c", KnotConf);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (LabShell.Run("knotc", ["-c", KnotConf, "-t", "1", "zone-status", LabTopology.Zone]).ExitCode != 0)
        {
            if (DateTime.UtcNow > deadline || !LabShell.Alive(pid))
            {
                throw new LabException($"knotd did not come up; see {LabTopology.StateDir}/knotd.log");
            }

            Thread.Sleep(200);
        }

        return pid;
    }

    /// <summary>Replaces the A records (name → address) and reloads the zone.</summary>
    public static void UpdateDns(IReadOnlyDictionary<string, string> records, int serial)
    {
        WriteZone(records, serial);
        var r = LabShell.Run("knotc", ["-c", KnotConf, "-b", "-t", "5", "zone-reload", LabTopology.Zone], TimeSpan.FromSeconds(10));
        if (r.ExitCode != 0)
        {
            throw new LabException($"knotc zone-reload failed: {r.StdErr.Trim()} {r.StdOut.Trim()}");
        }
    }

    /// <summary>Starts the web server on the internet router's example.com address; returns its PID.</summary>
    public static int StartWeb()
    {
        var root = Path.Combine(LabTopology.StateDir, "www");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "index.html"), "<html><body>Example Domain (meshd lab)</body></html>\n");
        var pid = LabShell.Spawn(LabTopology.InetNs, Path.Combine(LabTopology.StateDir, "web.log"),
            "python3", "-m", "http.server", "80", "--bind", LabTopology.WebIp, "--directory", root);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!LabShell.Run("ip", ["netns", "exec", LabTopology.InetNs, "ss", "-ltnH"]).StdOut.Contains($"{LabTopology.WebIp}:80", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline || !LabShell.Alive(pid))
            {
                throw new LabException($"the web server did not start; see {LabTopology.StateDir}/web.log");
            }

            Thread.Sleep(100);
        }

        return pid;
    }

    private static void WriteZone(IReadOnlyDictionary<string, string> records, int serial)
    {
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"$ORIGIN {LabTopology.Zone}.\n$TTL {LabTopology.Ttl}\n");
        b.Append(CultureInfo.InvariantCulture, $"@ SOA ns admin {serial} 60 60 600 {LabTopology.Ttl}\n@ NS ns\nns A {LabTopology.DnsIp}\n");
        foreach (var (name, ip) in records.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            b.Append(CultureInfo.InvariantCulture, $"{name} {LabTopology.Ttl} A {ip}\n");
        }

        File.WriteAllText(Path.Combine(DnsDir, $"{LabTopology.Zone}.zone"), b.ToString());
    }
}
