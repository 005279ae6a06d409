namespace Mesh.Cli.Lab;

/// <summary>`meshctl lab up|down|status`: the seed's network in namespaces with real meshd, FRR, WireGuard and DNS.</summary>
public sealed class LabRunner
{
    private readonly TextWriter _out;

    /// <summary>Creates the runner writing progress to <paramref name="output"/>.</summary>
    public LabRunner(TextWriter output) => _out = output;

    /// <summary>DNS records for the given sites' current public addresses.</summary>
    public static Dictionary<string, string> Records(IEnumerable<LabSite> sites, string? wroIp = null) =>
        sites.ToDictionary(s => s.Site, s => s == LabTopology.Wro && wroIp is not null ? wroIp : s.PublicIp, StringComparer.Ordinal);

    /// <summary>Builds the lab with roz and wro, starts one meshd per node and waits for the VMs to be plugged.</summary>
    public void Up()
    {
        Preflight();
        if (LabNetwork.ExistingNamespaces().Count > 0 || Directory.Exists(LabTopology.StateDir))
        {
            _out.WriteLine("lab: a previous lab is present; taking it down first");
            Down();
        }

        Directory.CreateDirectory(LabTopology.StateDir);
        Step("internet router, DNS server namespace, web server (example.com)", () =>
        {
            LabNetwork.CreateInternet();
            LabState.Add("web", LabServices.StartWeb());
        });
        var sites = new[] { LabTopology.Roz, LabTopology.Wro };
        Step($"DNS: knotd authoritative for {LabTopology.Zone} (TTL {LabTopology.Ttl} s)", () => LabState.Add("knotd", LabServices.StartDns(Records(sites))));
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in sites)
        {
            Step($"site {s.Site}: node {s.Node} ({s.PublicIp}), VM {s.VmIp}", () =>
            {
                LabNetwork.CreateSite(s);
                keys[s.Node] = LabNodes.CreateKey(s);
                LabNodes.PrepareFrr(s);
            });
        }

        File.WriteAllText(LabNodes.SpecPath, LabSpec.Render(sites, keys));
        foreach (var s in sites)
        {
            Step($"meshd {s.Node} (userspace WireGuard, FRR pathspace {s.FrrPathspace})", () => LabState.Add("meshd-" + s.Node, LabNodes.StartMeshd(s)));
        }

        foreach (var s in sites)
        {
            Step($"plug VM {s.VmIp} into {s.Node}'s vnet bridge", () => LabNetwork.PlugVm(s, TimeSpan.FromSeconds(60)));
        }
    }

    /// <summary>Adds a site to the running lab: edits the spec (every meshd picks it up) and starts the new node.</summary>
    public void AddSite(LabSite site)
    {
        var running = LabState.Sites().ToList();
        LabNetwork.CreateSite(site);
        var keys = ReadPublicKeys(running);
        keys[site.Node] = LabNodes.CreateKey(site);
        LabNodes.PrepareFrr(site);
        running.Add(site);
        File.WriteAllText(LabNodes.SpecPath, LabSpec.Render(running, keys));
        LabServices.UpdateDns(CurrentRecords(running), running.Count + 10);
        LabState.Add("meshd-" + site.Node, LabNodes.StartMeshd(site));
        LabNetwork.PlugVm(site, TimeSpan.FromSeconds(60));
    }

    /// <summary>Stops everything the lab started (by PID), removes its namespaces, FRR folders and state.</summary>
    public void Down()
    {
        var pids = LabState.All();
        foreach (var (name, pid) in pids.Where(p => p.Key.StartsWith("meshd-", StringComparison.Ordinal)))
        {
            LabShell.Stop(pid, TimeSpan.FromSeconds(10));
        }

        foreach (var (_, pid) in pids)
        {
            LabShell.Stop(pid, TimeSpan.FromSeconds(3));
        }

        foreach (var ns in LabNetwork.ExistingNamespaces())
        {
            LabNetwork.DeleteNamespace(ns);
        }

        foreach (var s in LabTopology.AllSites)
        {
            LabNodes.RemoveFrr(s);
            var etc = Path.Combine("/etc/netns", s.Ns);
            if (Directory.Exists(etc))
            {
                Directory.Delete(etc, recursive: true);
            }
        }

        if (Directory.Exists(LabTopology.StateDir))
        {
            Directory.Delete(LabTopology.StateDir, recursive: true);
        }

        _out.WriteLine("lab: down (no namespace, process or folder of the lab left)");
    }

    /// <summary>What is left of the lab (namespaces, live processes); empty when nothing.</summary>
    public static IReadOnlyList<string> Leftovers()
    {
        var left = new List<string>();
        left.AddRange(LabNetwork.ExistingNamespaces().Select(n => $"namespace {n}"));
        left.AddRange(LabState.All().Where(p => LabShell.Alive(p.Value)).Select(p => $"process {p.Key} ({p.Value})"));
        left.AddRange(LabTopology.AllSites.Select(s => Path.Combine("/etc/frr", s.FrrPathspace)).Where(Directory.Exists).Select(d => $"folder {d}"));
        left.AddRange(LabTopology.AllSites.Select(s => Path.Combine("/etc/netns", s.Ns)).Where(Directory.Exists).Select(d => $"folder {d}"));
        if (Directory.Exists(LabTopology.StateDir))
        {
            left.Add($"folder {LabTopology.StateDir}");
        }

        return left;
    }

    /// <summary>DNS records from the addresses the sites' public interfaces have now.</summary>
    public static Dictionary<string, string> CurrentRecords(IEnumerable<LabSite> sites)
    {
        var records = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in sites)
        {
            var text = LabShell.Run("ip", ["-n", s.Ns, "-4", "-o", "addr", "show", "dev", "pub0"]).StdOut;
            var inet = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipWhile(w => w != "inet").Skip(1).FirstOrDefault();
            records[s.Site] = inet?.Split('/')[0] ?? s.PublicIp;
        }

        return records;
    }

    private static Dictionary<string, string> ReadPublicKeys(IEnumerable<LabSite> sites)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in sites)
        {
            var priv = File.ReadAllText(Path.Combine(LabNodes.StateDir(s), "private.key")).Trim();
            keys[s.Node] = Keys.KeyMaterial.TryDerivePublicKey(priv, out var pub, out var error) ? pub : throw new LabException(error);
        }

        return keys;
    }

    private static void Preflight()
    {
        if (Environment.UserName != "root")
        {
            throw new LabException("the lab creates network namespaces: run it as root");
        }

        var missing = new[] { "ip", "knotd", "knotc", "vtysh", "python3", "nft", "ping" }
            .Where(p => LabShell.Run("sh", ["-c", $"command -v {p}"]).ExitCode != 0).ToList();
        if (!File.Exists("/usr/lib/frr/zebra"))
        {
            missing.Add("frr");
        }

        if (missing.Count > 0)
        {
            throw new LabException($"missing: {string.Join(", ", missing)}; run scripts/setup");
        }
    }

    private void Step(string what, Action action)
    {
        _out.Write($"lab: {what} ... ");
        _out.Flush();
        var started = DateTime.UtcNow;
        action();
        _out.WriteLine($"ok ({(DateTime.UtcNow - started).TotalSeconds:0.0} s)");
    }
}
