using Mesh.Json;
using Mesh.Planning;

namespace Mesh.Tests.Planning;

/// <summary>The NodePlan JSON of every node of every example matches its committed snapshot.</summary>
public sealed class PlanSnapshotTests
{
    public static TheoryData<string, string> Nodes => PlanFixtures.ExampleNodes();

    [Theory]
    [MemberData(nameof(Nodes))]
    public void Plan_json_matches_snapshot(string example, string node)
    {
        var plan = Planner.Plan(PlanFixtures.Example(example), node);

        PlanSnapshot.Match($"{Path.GetFileNameWithoutExtension(example)}.{node}.json", MeshJson.Serialize(plan));
    }

    [Theory]
    [MemberData(nameof(Nodes))]
    public void No_two_peers_claim_the_same_allowed_ip(string example, string node)
    {
        var plan = Planner.Plan(PlanFixtures.Example(example), node);

        var all = plan.WireGuard.Peers.SelectMany(p => p.AllowedIps).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.DoesNotContain(plan.WireGuard.Peers, p => p.Name == node);
    }
}
