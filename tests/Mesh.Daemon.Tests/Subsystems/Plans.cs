using Mesh.Planning;
using Mesh.Spec;
using TestSupport;

namespace Mesh.Daemon.Tests.Subsystems;

/// <summary>Plans of the example specs.</summary>
internal static class Plans
{
    public static NodePlan Lab(string node)
    {
        var path = Repo.Path("examples", "lab.yaml");
        var loaded = SpecLoader.Load(File.ReadAllText(path), path);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return Planner.Plan(loaded.Spec!, node);
    }
}
