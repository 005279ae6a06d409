using TestSupport;

namespace Mesh.Tests.Planning;

/// <summary>Compares text with tests/Mesh.Tests/Snapshots/NAME; MESH_UPDATE_SNAPSHOTS=1 rewrites the file instead (review the diff).</summary>
internal static class PlanSnapshot
{
    public static void Match(string name, string actual)
    {
        var path = Repo.Path("tests", "Mesh.Tests", "Snapshots", name);
        if (Environment.GetEnvironmentVariable("MESH_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"snapshot {path} is missing; run the tests with MESH_UPDATE_SNAPSHOTS=1 and review the new file");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
