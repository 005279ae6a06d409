namespace TestSupport;

/// <summary>Locates the checkout and the ../shared reference folder next to it.</summary>
public static class Repo
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The checkout root (the folder holding Mesh.slnx).</summary>
    public static string Root => RootLazy.Value;

    /// <summary>Path of a file or folder inside the checkout.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>The ../shared folder beside the checkout, or null when it is absent (a plain clone).</summary>
    public static string? Shared
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("MESH_SHARED_DIR");
            if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
            {
                return env;
            }

            var dir = System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, "..", "shared"));
            return Directory.Exists(dir) ? dir : null;
        }
    }

    /// <summary>Skips the current test (with a reason) when ../shared is absent; returns the path otherwise.</summary>
    public static string RequireShared(params string[] parts)
    {
        var shared = Shared;
        Assert.SkipWhen(shared is null, "../shared is absent beside the checkout (reference data lives there, never in the repo)");
        var path = System.IO.Path.Combine([shared!, .. parts]);
        Assert.SkipUnless(File.Exists(path) || Directory.Exists(path), $"{path} is absent");
        return path;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        for (var i = 0; i < 12 && dir is not null; i++, dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Mesh.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Mesh.slnx not found above {AppContext.BaseDirectory}");
    }
}
