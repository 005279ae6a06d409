using System.Security.Cryptography;

namespace WireGuard;

/// <summary>A 32-byte Curve25519 key (private, public or pre-shared), as wg(8) shows it: base64 or hex.</summary>
public readonly struct Key : IEquatable<Key>
{
    /// <summary>Key length in bytes.</summary>
    public const int Size = 32;

    private readonly byte[]? _bytes;

    /// <summary>Creates a key from exactly 32 bytes (copied).</summary>
    public Key(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"a WireGuard key is {Size} bytes, got {bytes.Length}", nameof(bytes));
        }

        _bytes = bytes.ToArray();
    }

    /// <summary>The key bytes (all zero for default).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes ?? new byte[Size];

    /// <summary>True when every byte is zero (the UAPI way to clear a key).</summary>
    public bool IsZero => _bytes is null || !_bytes.AsSpan().ContainsAnyExcept((byte)0);

    /// <summary>Parses standard base64 (44 characters).</summary>
    public static bool TryParseBase64(string? text, out Key key)
    {
        key = default;
        Span<byte> buf = stackalloc byte[33];
        if (text is null || text.Length != 44 || !Convert.TryFromBase64String(text, buf, out var n) || n != Size)
        {
            return false;
        }

        key = new Key(buf[..Size]);
        return true;
    }

    /// <summary>Parses 64 hex digits (the UAPI wire form).</summary>
    public static bool TryParseHex(string? text, out Key key)
    {
        key = default;
        if (text is null || text.Length != 2 * Size)
        {
            return false;
        }

        try
        {
            key = new Key(Convert.FromHexString(text));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Base64, as `wg show` prints it.</summary>
    public string ToBase64() => Convert.ToBase64String(Bytes);

    /// <summary>Lower-case hex, as UAPI carries it.</summary>
    public string ToHex() => Convert.ToHexStringLower(Bytes);

    /// <summary>Never prints key material; use ToBase64 deliberately where a public key is shown.</summary>
    public override string ToString() => "(key)";

    /// <inheritdoc/>
    public bool Equals(Key other) => CryptographicOperations.FixedTimeEquals(Bytes, other.Bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Key k && Equals(k);

    /// <inheritdoc/>
    public override int GetHashCode() => BitConverter.ToInt32(Bytes[..4]) ^ BitConverter.ToInt32(Bytes[28..]);

    /// <summary>Equality.</summary>
    public static bool operator ==(Key a, Key b) => a.Equals(b);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Key a, Key b) => !a.Equals(b);
}
