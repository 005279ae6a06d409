using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Mesh.Firewall;
using Mesh.Json;
using Mesh.Model;
using Mesh.Planning;
using Mesh.Spec;

namespace Mesh.Benchmarks;

/// <summary>
/// <c>plan-digest [EXAMPLES_DIR]</c>: one SHA-256 per generated mesh (and per example file) over the plan JSON and
/// the nft, pve and json firewall renderings of every node. Run it before and after a performance change of the
/// planner or the firewall generator: equal digests mean the output did not change, at sizes the snapshot tests
/// do not reach.
/// </summary>
public static class PlanDigest
{
    /// <summary>Prints <c>CASE DIGEST</c> lines.</summary>
    public static int Run(string? examples, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var n in new[] { 2, 9, 50, 300 })
        {
            output.WriteLine($"full-mesh/{n} {Digest(MeshSpecGenerator.Load(n, GeneratedTopology.FullMesh))}");
        }

        foreach (var n in new[] { 4, 50, 300 })
        {
            output.WriteLine($"route-reflectors/{n} {Digest(MeshSpecGenerator.Load(n, GeneratedTopology.RouteReflectors))}");
        }

        foreach (var s in new[] { 2, 7, 40 })
        {
            output.WriteLine($"sites/{s} {Digest(MeshSpecGenerator.LoadSites(s))}");
        }

        foreach (var s in new[] { 2, 7, 40 })
        {
            // gateways topology: the first two nodes of each site peer across sites
            var yaml = MeshSpecGenerator.SitesYaml(s).Replace("sites:\n", "topology:\n  mode: gateways\nsites:\n", StringComparison.Ordinal);
            yaml = Regex.Replace(yaml, @"    exit-nodes: \[(s\d+)n0\]\n", "$0    gateways: [$1n1, $1n0]\n");
            var loaded = SpecLoader.Load(yaml, "gateways.yaml");
            output.WriteLine($"gateways/{s} {(loaded.Spec is null || loaded.HasErrors ? "invalid: " + string.Join("; ", loaded.Diagnostics.Take(3)) : Digest(loaded.Spec))}");
        }

        if (examples is not null)
        {
            foreach (var file in Directory.GetFiles(examples, "*.yaml").Order(StringComparer.Ordinal))
            {
                var loaded = SpecLoader.Load(File.ReadAllText(file), file);
                if (loaded.Spec is null || loaded.HasErrors)
                {
                    output.WriteLine($"{Path.GetFileName(file)} invalid");
                    continue;
                }

                output.WriteLine($"{Path.GetFileName(file)} {Digest(loaded.Spec)}");
            }
        }

        return 0;
    }

    private static string Digest(MeshSpec spec)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (_, node) in spec.AllNodes.ToList())
        {
            var plan = Planner.Plan(spec, node.Name);
            sha.AppendData(Encoding.UTF8.GetBytes(MeshJson.Serialize(plan)));
            foreach (var format in FirewallShow.Formats)
            {
                sha.AppendData(Encoding.UTF8.GetBytes(FirewallShow.Render(plan.Firewall, format)));
            }
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset()).ToString(CultureInfo.InvariantCulture);
    }
}
