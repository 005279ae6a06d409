using TestSupport;

namespace Mesh.Tests.Firewall;

/// <summary>
/// Compares rendered text with a file under Firewall/Snapshots. Set MESH_UPDATE_SNAPSHOTS=1 to (re)write the
/// files, then review the diff with git.
/// </summary>
internal static class Snapshot
{
    public static void Match(string name, string actual)
    {
        var path = Repo.Path("tests", "Mesh.Tests", "Firewall", "Snapshots", name);
        if (Environment.GetEnvironmentVariable("MESH_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"snapshot {path} is missing; run the test with MESH_UPDATE_SNAPSHOTS=1 and review it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
