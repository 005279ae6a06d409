using Mesh.Model;
using Mesh.Tests.Spec;

namespace Mesh.Tests.Planning;

/// <summary>Loads specs that must be valid.</summary>
internal static class PlanFixtures
{
    public static MeshSpec Valid(string yaml)
    {
        var result = TestSpec.Load(yaml);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Spec!;
    }

    public static MeshSpec Example(string name) => Valid(TestSpec.Example(name));

    /// <summary>Every (example, node) pair.</summary>
    public static TheoryData<string, string> ExampleNodes()
    {
        var data = new TheoryData<string, string>();
        foreach (var example in TestSpec.Examples)
        {
            foreach (var (_, node) in Example(example).AllNodes)
            {
                data.Add(example, node.Name);
            }
        }

        return data;
    }

    /// <summary>Reverses the order of sites and of nodes inside each site (the examples' two-space layout).</summary>
    public static string Shuffle(string yaml)
    {
        var lines = yaml.Split('\n');
        var sitesAt = Array.FindIndex(lines, l => l == "sites:");
        Assert.True(sitesAt > 0);
        var head = lines[..(sitesAt + 1)];
        var sites = Blocks(lines[(sitesAt + 1)..], "  ");
        var shuffled = sites.Select(site =>
        {
            var nodesAt = Array.FindIndex(site, l => l == "    nodes:");
            if (nodesAt < 0)
            {
                return site;
            }

            var nodes = Blocks(site[(nodesAt + 1)..], "      ");
            return site[..(nodesAt + 1)].Concat(nodes.AsEnumerable().Reverse().SelectMany(n => n)).ToArray();
        }).Reverse();
        return string.Join('\n', head.Concat(shuffled.SelectMany(s => s)));
    }

    /// <summary>Splits lines into blocks that start at a key with exactly this indentation (comments and blanks stay with the block above).</summary>
    private static List<string[]> Blocks(string[] lines, string indent)
    {
        var blocks = new List<List<string>>();
        foreach (var line in lines)
        {
            var starts = line.StartsWith(indent, StringComparison.Ordinal) && line.Length > indent.Length && line[indent.Length] != ' ' && line[indent.Length] != '#';
            if (starts || blocks.Count == 0)
            {
                blocks.Add([]);
            }

            blocks[^1].Add(line);
        }

        return blocks.Select(b => b.Append(string.Empty).ToArray()).ToList();
    }
}
