using System.Diagnostics.CodeAnalysis;

namespace Mesh.Model;

/// <summary>A WireGuard (Curve25519) public key: 32 bytes, written as standard base64 (44 characters).</summary>
public readonly record struct WireGuardKey
{
    private readonly string? _base64;

    private WireGuardKey(string base64) => _base64 = base64;

    /// <summary>The canonical base64 form.</summary>
    public string Base64 => _base64 ?? string.Empty;

    /// <summary>Parses standard base64 of exactly 32 bytes.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out WireGuardKey key)
    {
        key = default;
        if (text is null || text.Length != 44 || text[43] != '=')
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[33];
        if (!Convert.TryFromBase64String(text, bytes, out var written) || written != 32)
        {
            return false;
        }

        key = new WireGuardKey(Convert.ToBase64String(bytes[..32]));
        return key.Base64 == text;
    }

    /// <summary>Wraps 32 raw key bytes.</summary>
    public static WireGuardKey FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == 32
            ? new WireGuardKey(Convert.ToBase64String(bytes))
            : throw new ArgumentException("a WireGuard key is exactly 32 bytes", nameof(bytes));

    /// <inheritdoc/>
    public override string ToString() => Base64;
}
