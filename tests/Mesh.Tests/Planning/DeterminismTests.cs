using Mesh.Json;
using Mesh.Planning;
using Mesh.Tests.Spec;

namespace Mesh.Tests.Planning;

/// <summary>Same input, same bytes; declaration order does not matter.</summary>
public sealed class DeterminismTests
{
    public static TheoryData<string, string> Nodes => PlanFixtures.ExampleNodes();

    [Theory]
    [MemberData(nameof(Nodes))]
    public void Planning_twice_gives_the_same_bytes_and_equal_records(string example, string node)
    {
        var first = Planner.Plan(PlanFixtures.Example(example), node);
        var second = Planner.Plan(PlanFixtures.Example(example), node);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Equal(MeshJson.Serialize(first), MeshJson.Serialize(second));
    }

    [Theory]
    [MemberData(nameof(Nodes))]
    public void Shuffled_sites_and_nodes_give_the_same_plan(string example, string node)
    {
        var text = TestSpec.Example(example);
        var shuffled = PlanFixtures.Shuffle(text);
        Assert.NotEqual(text, shuffled);

        var spec = PlanFixtures.Valid(text);
        var shuffledSpec = PlanFixtures.Valid(shuffled);

        Assert.Equal(spec, shuffledSpec);
        Assert.Equal(MeshJson.Serialize(Planner.Plan(spec, node)), MeshJson.Serialize(Planner.Plan(shuffledSpec, node)));
    }

    [Fact]
    public void A_changed_spec_gives_a_different_plan()
    {
        var spec = PlanFixtures.Valid(TestSpec.Base);
        var changed = PlanFixtures.Valid(TestSpec.Edit("wro.example.net:51820=>wro.example.net:51821"));

        Assert.NotEqual(Planner.Plan(spec, "roz1"), Planner.Plan(changed, "roz1"));
        Assert.Equal(Planner.Plan(spec, "wro1"), Planner.Plan(changed, "wro1"));
    }
}
