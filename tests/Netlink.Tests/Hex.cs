namespace Netlink.Tests;

/// <summary>Fixture helper: hex pairs separated by spaces, one line per field.</summary>
internal static class Hex
{
    public static byte[] Bytes(params string[] lines) =>
        Convert.FromHexString(string.Concat(lines).Replace(" ", string.Empty, StringComparison.Ordinal));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    /// <summary>Wraps bytes as the first message of a datagram.</summary>
    public static Wire.NetlinkMessage Message(byte[] datagram)
    {
        var r = new Wire.MessageReader(datagram);
        Assert.True(r.MoveNext());
        return r.Current;
    }
}
