using TestSupport;

namespace Mesh.Cli.Tests.Status;

/// <summary>Compares rendered text with tests/Mesh.Cli.Tests/Status/Snapshots/NAME; MESH_UPDATE_SNAPSHOTS=1 rewrites the file instead (review the diff).</summary>
internal static class Snapshot
{
    public static void Match(string name, string actual)
    {
        var path = Repo.Path("tests", "Mesh.Cli.Tests", "Status", "Snapshots", name);
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("MESH_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"snapshot {path} is missing; run the tests with MESH_UPDATE_SNAPSHOTS=1 and review the new file");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
