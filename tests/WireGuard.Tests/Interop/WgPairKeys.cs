using TestSupport;

namespace WireGuard.Tests.Interop;

/// <summary>Key generation through wg(8), so tests exercise the same tool users run.</summary>
internal static class WgPairKeys
{
    public static string Private() => Sh.Must("wg", "genkey").Trim();

    public static string Public(string privateKey) =>
        Sh.Run("wg", ["pubkey"], stdin: privateKey + "\n").EnsureSuccess("wg pubkey").StdOut.Trim();
}
