namespace Frr.Tests;

/// <summary>
/// Snapshot files under tests/Frr.Tests/Cases. Set FRR_UPDATE_SNAPSHOTS=1 to (re)write them from the
/// actual output, then review the diff before committing.
/// </summary>
internal static class Snapshot
{
    public static string CasesDir => Path.Combine(AppContext.BaseDirectory, "Cases");

    public static void Match(string relativePath, string actual)
    {
        if (Environment.GetEnvironmentVariable("FRR_UPDATE_SNAPSHOTS") == "1")
        {
            var source = TestSupport.Repo.Path("tests", "Frr.Tests", "Cases", relativePath);
            File.WriteAllText(source, actual);
        }

        var path = Path.Combine(CasesDir, relativePath);
        Assert.True(File.Exists(path), $"snapshot {relativePath} is missing; run with FRR_UPDATE_SNAPSHOTS=1 and review it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
