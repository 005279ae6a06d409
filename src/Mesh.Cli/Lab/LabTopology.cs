namespace Mesh.Cli.Lab;

/// <summary>One site of the lab: a node namespace (meshd, FRR, WireGuard, the vnet bridge) and a VM namespace behind it.</summary>
/// <param name="Site">Site name in the spec.</param>
/// <param name="Node">Node name in the spec.</param>
/// <param name="SiteIndex">Second octet of the site's 10.N.0.0/16 range.</param>
/// <param name="PublicIp">The node's "public" (documentation-range) address.</param>
/// <param name="PublicPrefix">Prefix length of the public link.</param>
/// <param name="PublicGateway">The internet router's address on that link.</param>
/// <param name="VmIp">The VM's overlay address.</param>
public sealed record LabSite(string Site, string Node, int SiteIndex, string PublicIp, int PublicPrefix, string PublicGateway, string VmIp)
{
    /// <summary>The node's namespace.</summary>
    public string Ns => $"mlab-{Site}";

    /// <summary>The VM's namespace.</summary>
    public string VmNs => $"mlab-vm{Site}";

    /// <summary>The FRR pathspace (one FRR instance per node).</summary>
    public string FrrPathspace => Ns;

    /// <summary>DNS name of the node's endpoint.</summary>
    public string DnsName => $"{Site}.{LabTopology.Zone}";

    /// <summary>The VM subnet's gateway (on the node's vnet bridge).</summary>
    public string VmGateway => $"10.{SiteIndex}.1.1";

    /// <summary>The node's WireGuard address.</summary>
    public string WireGuardIp => $"10.{SiteIndex}.0.1";

    /// <summary>The internet router's interface towards the site.</summary>
    public string RouterIf => $"i-{Site}";

    /// <summary>The node's interface towards the VM (a port of the vnet bridge).</summary>
    public string VmPort => $"vm-{Site}";
}

/// <summary>Names and addresses of the lab (documentation ranges for everything "public").</summary>
public static class LabTopology
{
    /// <summary>The internet router namespace.</summary>
    public const string InetNs = "mlab-inet";

    /// <summary>The DNS server namespace.</summary>
    public const string DnsNs = "mlab-dns";

    /// <summary>The zone the DNS server is authoritative for.</summary>
    public const string Zone = "lab.example.net";

    /// <summary>The DNS server's address (inside the lab only).</summary>
    public const string DnsIp = "192.0.2.53";

    /// <summary>The web server standing in for example.com.</summary>
    public const string WebIp = "192.0.2.180";

    /// <summary>TTL of the endpoint records.</summary>
    public const int Ttl = 5;

    /// <summary>Where the lab keeps its spec, keys, logs and PIDs.</summary>
    public const string StateDir = "/run/meshd-lab";

    /// <summary>The vnet bridge name (from the spec).</summary>
    public const string VnetBridge = "crossvnt";

    /// <summary>roz: static public address, exit node.</summary>
    public static readonly LabSite Roz = new("roz", "roz1", 1, "203.0.113.10", 25, "203.0.113.1", "10.1.1.11");

    /// <summary>wro: dynamic public address behind a DDNS name.</summary>
    public static readonly LabSite Wro = new("wro", "wro1", 2, "198.51.100.10", 24, "198.51.100.1", "10.2.1.9");

    /// <summary>waw: the third site added by check 5.</summary>
    public static readonly LabSite Waw = new("waw", "waw1", 3, "203.0.113.140", 25, "203.0.113.129", "10.3.1.7");

    /// <summary>wro's address after the change of check 4.</summary>
    public const string WroNewIp = "198.51.100.20";

    /// <summary>Every site the lab may run.</summary>
    public static IReadOnlyList<LabSite> AllSites => [Roz, Wro, Waw];
}
