using Mesh.Planning;
using Mesh.Spec;

namespace Mesh.Tests.Spec;

/// <summary>Damaged specs never crash the loader or the planner: they give diagnostics.</summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> Examples => new(TestSpec.Examples);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Deleting_any_line_gives_diagnostics_or_a_plannable_spec(string example)
    {
        var lines = TestSpec.Example(example).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var text = string.Join('\n', lines.Where((_, j) => j != i));
            AssertLoadsCleanly(text, $"{example} without line {i + 1}");
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Truncating_anywhere_gives_diagnostics_or_a_plannable_spec(string example)
    {
        var text = TestSpec.Example(example);
        for (var n = 0; n < text.Length; n += 41)
        {
            AssertLoadsCleanly(text[..n], $"{example} cut at {n}");
        }
    }

    private static void AssertLoadsCleanly(string text, string what)
    {
        var result = SpecLoader.Load(text, "t.yaml");
        Assert.All(result.Diagnostics, d => Assert.True(d.Line >= 1 && d.Column >= 1, $"{what}: {d}"));
        if (!result.HasErrors)
        {
            foreach (var (_, node) in result.Spec!.AllNodes)
            {
                Assert.NotNull(Planner.Plan(result.Spec, node.Name));
            }
        }
    }
}
