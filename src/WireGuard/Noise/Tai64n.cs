using System.Buffers.Binary;

namespace WireGuard.Noise;

/// <summary>TAI64N timestamps (12 bytes, big-endian) as WireGuard sends them in initiations.</summary>
public static class Tai64n
{
    /// <summary>Size in bytes.</summary>
    public const int Size = 12;

    private const ulong Base = 0x400000000000000aUL;

    // Nanoseconds are rounded down to ~16.7 ms so the timestamp does not leak a fine-grained clock.
    private const uint WhitenerMask = 0x1000000 - 1;

    /// <summary>Writes the timestamp of <paramref name="time"/>.</summary>
    public static void Write(DateTimeOffset time, Span<byte> output)
    {
        var unixNs = (time - DateTimeOffset.UnixEpoch).Ticks * 100;
        var secs = (ulong)(unixNs / 1_000_000_000);
        var nanos = (uint)(unixNs % 1_000_000_000);
        BinaryPrimitives.WriteUInt64BigEndian(output, Base + secs);
        BinaryPrimitives.WriteUInt32BigEndian(output[8..], nanos & ~WhitenerMask);
    }

    /// <summary>True when <paramref name="a"/> is strictly after <paramref name="b"/>.</summary>
    public static bool After(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => a[..Size].SequenceCompareTo(b[..Size]) > 0;
}
