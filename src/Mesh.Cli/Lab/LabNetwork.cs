using System.Globalization;

namespace Mesh.Cli.Lab;

/// <summary>Builds the lab's namespaces and links (only inside namespaces it creates; the root namespace is never touched).</summary>
public static class LabNetwork
{
    /// <summary>Creates a namespace with loopback up.</summary>
    public static void AddNamespace(string ns)
    {
        LabShell.Must("ip", "netns", "add", ns);
        LabShell.Must("ip", "-n", ns, "link", "set", "lo", "up");
    }

    /// <summary>The internet router: forwards between the sites, the DNS server and the web server.</summary>
    public static void CreateInternet()
    {
        AddNamespace(LabTopology.InetNs);
        LabShell.MustIn(LabTopology.InetNs, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        // example.com lives on the router's loopback (this kernel has no dummy devices)
        LabShell.Must("ip", "-n", LabTopology.InetNs, "addr", "add", $"{LabTopology.WebIp}/32", "dev", "lo");

        AddNamespace(LabTopology.DnsNs);
        Veth(LabTopology.InetNs, "i-dns", LabTopology.DnsNs, "eth0");
        LabShell.Must("ip", "-n", LabTopology.InetNs, "addr", "add", "192.0.2.1/25", "dev", "i-dns");
        LabShell.Must("ip", "-n", LabTopology.DnsNs, "addr", "add", $"{LabTopology.DnsIp}/25", "dev", "eth0");
        LabShell.Must("ip", "-n", LabTopology.DnsNs, "route", "add", "default", "via", "192.0.2.1");
    }

    /// <summary>A site: node namespace with its public link to the internet router, and a VM namespace.</summary>
    public static void CreateSite(LabSite s)
    {
        AddNamespace(s.Ns);
        Veth(LabTopology.InetNs, s.RouterIf, s.Ns, "pub0");
        LabShell.Must("ip", "-n", LabTopology.InetNs, "addr", "add", $"{s.PublicGateway}/{s.PublicPrefix}", "dev", s.RouterIf);
        LabShell.Must("ip", "-n", s.Ns, "addr", "add", $"{s.PublicIp}/{s.PublicPrefix}", "dev", "pub0");
        LabShell.Must("ip", "-n", s.Ns, "route", "add", "default", "via", s.PublicGateway);

        // the node resolves names through the lab's DNS server (ip netns exec bind-mounts this over /etc/resolv.conf)
        var etc = Path.Combine("/etc/netns", s.Ns);
        Directory.CreateDirectory(etc);
        File.WriteAllText(Path.Combine(etc, "resolv.conf"), $"nameserver {LabTopology.DnsIp}\noptions timeout:1 attempts:1\n");

        AddNamespace(s.VmNs);
        Veth(s.Ns, s.VmPort, s.VmNs, "eth0");
        LabShell.Must("ip", "-n", s.VmNs, "addr", "add", $"{s.VmIp}/24", "dev", "eth0");
        LabShell.Must("ip", "-n", s.VmNs, "route", "add", "default", "via", s.VmGateway);
    }

    /// <summary>Moves wro to a new public address (check 4).</summary>
    public static void ChangePublicAddress(LabSite s, string newIp)
    {
        LabShell.Must("ip", "-n", s.Ns, "addr", "flush", "dev", "pub0");
        LabShell.Must("ip", "-n", s.Ns, "addr", "add", $"{newIp}/{s.PublicPrefix}", "dev", "pub0");
        LabShell.Must("ip", "-n", s.Ns, "route", "replace", "default", "via", s.PublicGateway);
    }

    /// <summary>Waits (bounded) until meshd created the vnet bridge, then plugs the VM's port into it.</summary>
    public static void PlugVm(LabSite s, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (LabShell.Run("ip", ["-n", s.Ns, "link", "show", LabTopology.VnetBridge]).ExitCode != 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new LabException($"{s.Node}: meshd did not create bridge {LabTopology.VnetBridge} within {timeout.TotalSeconds:0} s; see {LabTopology.StateDir}/{s.Node}.log");
            }

            Thread.Sleep(250);
        }

        LabShell.Must("ip", "-n", s.Ns, "link", "set", s.VmPort, "master", LabTopology.VnetBridge);
        LabShell.Must("ip", "-n", s.Ns, "link", "set", s.VmPort, "up");
    }

    /// <summary>Deletes a namespace after killing, by PID, every process still inside it.</summary>
    public static void DeleteNamespace(string ns)
    {
        var pids = LabShell.Run("ip", ["netns", "pids", ns]);
        foreach (var line in pids.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(line, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            {
                LabShell.Stop(pid, TimeSpan.FromSeconds(3));
            }
        }

        LabShell.Run("ip", ["netns", "delete", ns]);
        var etc = Path.Combine("/etc/netns", ns);
        if (Directory.Exists(etc))
        {
            Directory.Delete(etc, recursive: true);
        }
    }

    /// <summary>Names of the lab's namespaces that exist now.</summary>
    public static IReadOnlyList<string> ExistingNamespaces() =>
        [.. LabShell.Run("ip", ["netns", "list"]).StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ')[0]).Where(n => n.StartsWith("mlab-", StringComparison.Ordinal))];

    private static void Veth(string nsA, string ifA, string nsB, string ifB)
    {
        LabShell.Must("ip", "-n", nsA, "link", "add", ifA, "type", "veth", "peer", "name", ifB, "netns", nsB);
        LabShell.Must("ip", "-n", nsA, "link", "set", ifA, "up");
        LabShell.Must("ip", "-n", nsB, "link", "set", ifB, "up");
    }
}
