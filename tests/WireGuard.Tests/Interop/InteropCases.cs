namespace WireGuard.Tests.Interop;

/// <summary>Implementation pairs: A initiates. wireguard-go on both sides proves the harness itself.</summary>
public static class InteropCases
{
    public static TheoryData<WgImpl, WgImpl> Pairs => new()
    {
        { WgImpl.WireGuardGo, WgImpl.WireGuardGo },
        { WgImpl.MeshWg, WgImpl.WireGuardGo },
        { WgImpl.WireGuardGo, WgImpl.MeshWg },
    };
}
