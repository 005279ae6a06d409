using TestSupport;

namespace WireGuard.Tests.Interop;

/// <summary>A userspace WireGuard implementation with wireguard-go's command-line contract.</summary>
public enum WgImpl
{
    /// <summary>Debian's wireguard-go (the reference).</summary>
    WireGuardGo,

    /// <summary>Our mesh-wg, as scripts/setup publishes it.</summary>
    MeshWg,
}

internal static class WgImplPaths
{
    public static string MeshWg => Repo.Path(".build", "mesh-wg", "mesh-wg");

    /// <summary>The program for an implementation; skips (fails in CI) when it is not installed/published.</summary>
    public static string Require(WgImpl impl)
    {
        if (impl == WgImpl.WireGuardGo)
        {
            Privileged.RequireTools("wireguard-go", "wg");
            return Privileged.Which("wireguard-go")!;
        }

        Privileged.RequireTools("wg");
        if (!File.Exists(MeshWg))
        {
            var msg = $"{MeshWg} is missing: run scripts/setup (or dotnet publish src/MeshWg/MeshWg.csproj -c Release -o .build/mesh-wg)";
            if (Privileged.IsCi)
            {
                Assert.Fail(msg);
            }

            Assert.Skip(msg);
        }

        return MeshWg;
    }
}
