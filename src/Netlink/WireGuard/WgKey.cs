using System.Security.Cryptography;

namespace Netlink.WireGuard;

/// <summary>A 32-byte WireGuard key (Curve25519 public/private key or preshared key), compared in constant time.</summary>
public readonly struct WgKey : IEquatable<WgKey>
{
    /// <summary>WG_KEY_LEN.</summary>
    public const int Length = 32;

    private readonly byte[]? _bytes;

    /// <summary>Copies 32 bytes into a key.</summary>
    public WgKey(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"a WireGuard key is {Length} bytes, got {bytes.Length}", nameof(bytes));
        }

        _bytes = bytes.ToArray();
    }

    /// <summary>The key bytes (32 zero bytes for default).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes ?? new byte[Length];

    /// <summary>True when every byte is zero (an unset key).</summary>
    public bool IsZero => _bytes is null || !_bytes.AsSpan().ContainsAnyExcept((byte)0);

    /// <summary>Parses standard base64 (44 characters, as wg(8) prints).</summary>
    public static bool TryParse(string? text, out WgKey key)
    {
        key = default;
        Span<byte> buf = stackalloc byte[33];
        if (text is null || text.Length != 44 || !Convert.TryFromBase64String(text, buf, out var n) || n != Length)
        {
            return false;
        }

        key = new WgKey(buf[..Length]);
        return true;
    }

    /// <summary>Parses base64 or throws a <see cref="FormatException"/> saying what a key looks like.</summary>
    public static WgKey Parse(string text) => TryParse(text, out var k)
        ? k
        : throw new FormatException("a WireGuard key is 44 characters of base64 (as printed by `wg genkey` / `wg pubkey`)");

    /// <summary>Equality operator.</summary>
    public static bool operator ==(WgKey a, WgKey b) => a.Equals(b);

    /// <summary>Inequality operator.</summary>
    public static bool operator !=(WgKey a, WgKey b) => !a.Equals(b);

    /// <inheritdoc/>
    public bool Equals(WgKey other) => CryptographicOperations.FixedTimeEquals(Bytes, other.Bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is WgKey k && Equals(k);

    /// <inheritdoc/>
    public override int GetHashCode() => BitConverter.ToInt32(Bytes[..4]);

    /// <summary>Base64 form. Do not print private or preshared keys; the config records redact them.</summary>
    public override string ToString() => Convert.ToBase64String(Bytes);
}
