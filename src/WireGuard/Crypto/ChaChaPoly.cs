using System.Buffers.Binary;
using System.Security.Cryptography;

namespace WireGuard.Crypto;

/// <summary>
/// ChaCha20-Poly1305 (RFC 8439) through a reused OpenSSL EVP context: in-place capable, no allocation, and a
/// forged tag returns false instead of throwing. Not thread-safe: use one instance per thread
/// (<see cref="ForCurrentThread"/>).
/// </summary>
public sealed unsafe class ChaChaPoly : IDisposable
{
    /// <summary>Key size.</summary>
    public const int KeySize = 32;

    /// <summary>Tag size.</summary>
    public const int TagSize = 16;

    /// <summary>Nonce size.</summary>
    public const int NonceSize = 12;

    [ThreadStatic]
    private static ChaChaPoly? _current;

    private readonly EvpCipherCtxHandle _enc;
    private readonly EvpCipherCtxHandle _dec;

    /// <summary>Creates the two EVP contexts (encrypt and decrypt).</summary>
    public ChaChaPoly()
    {
        _enc = NewContext(1);
        _dec = NewContext(0);
    }

    /// <summary>The calling thread's instance (created on first use, lives as long as the thread).</summary>
    public static ChaChaPoly ForCurrentThread => _current ??= new ChaChaPoly();

    /// <summary>Writes the WireGuard nonce: 4 zero bytes then the 64-bit little-endian counter.</summary>
    public static void CounterNonce(ulong counter, Span<byte> nonce)
    {
        nonce[..4].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(nonce[4..], counter);
    }

    /// <summary>Encrypts with the WireGuard counter nonce; <paramref name="destination"/> gets ciphertext ‖ tag (may start where plaintext starts).</summary>
    public void Seal(ReadOnlySpan<byte> key, ulong counter, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> ad, Span<byte> destination)
    {
        Span<byte> nonce = stackalloc byte[NonceSize];
        CounterNonce(counter, nonce);
        Seal(key, nonce, plaintext, ad, destination);
    }

    /// <summary>Decrypts and authenticates with the WireGuard counter nonce; false on a bad tag (destination then holds garbage).</summary>
    public bool Open(ReadOnlySpan<byte> key, ulong counter, ReadOnlySpan<byte> ciphertextAndTag, ReadOnlySpan<byte> ad, Span<byte> destination)
    {
        Span<byte> nonce = stackalloc byte[NonceSize];
        CounterNonce(counter, nonce);
        return Open(key, nonce, ciphertextAndTag, ad, destination);
    }

    /// <summary>Encrypts <paramref name="plaintext"/> into <paramref name="destination"/> (length + 16; same start or disjoint).</summary>
    public void Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> ad, Span<byte> destination)
    {
        Check(key, nonce);
        if (destination.Length < plaintext.Length + TagSize)
        {
            throw new ArgumentException("destination must hold the plaintext and a 16-byte tag", nameof(destination));
        }

        fixed (byte* k = key, n = nonce, p = plaintext, a = ad, d = destination)
        {
            var ok = LibCrypto.EVP_CipherInit_ex(_enc, 0, 0, k, n, 1) == 1;
            if (ok && ad.Length > 0)
            {
                ok = LibCrypto.EVP_CipherUpdate(_enc, null, out _, a, ad.Length) == 1;
            }

            var written = 0;
            if (ok && plaintext.Length > 0)
            {
                ok = LibCrypto.EVP_CipherUpdate(_enc, d, out written, p, plaintext.Length) == 1;
            }

            ok = ok && LibCrypto.EVP_CipherFinal_ex(_enc, d + written, out _) == 1
                && LibCrypto.EVP_CIPHER_CTX_ctrl(_enc, LibCrypto.CtrlAeadGetTag, TagSize, d + plaintext.Length) == 1;
            if (!ok)
            {
                throw new CryptographicException("OpenSSL ChaCha20-Poly1305 encryption failed; check that libcrypto.so.3 (OpenSSL 3) is installed");
            }
        }
    }

    /// <summary>Decrypts and authenticates; returns false for a forged or corrupted message (never throws for that).</summary>
    public bool Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertextAndTag, ReadOnlySpan<byte> ad, Span<byte> destination)
    {
        Check(key, nonce);
        var len = ciphertextAndTag.Length - TagSize;
        if (len < 0 || destination.Length < len)
        {
            return false;
        }

        Span<byte> tag = stackalloc byte[TagSize];
        ciphertextAndTag[len..].CopyTo(tag);
        fixed (byte* k = key, n = nonce, c = ciphertextAndTag, a = ad, d = destination, t = tag)
        {
            if (LibCrypto.EVP_CipherInit_ex(_dec, 0, 0, k, n, 0) != 1)
            {
                return false;
            }

            if (ad.Length > 0 && LibCrypto.EVP_CipherUpdate(_dec, null, out _, a, ad.Length) != 1)
            {
                return false;
            }

            var written = 0;
            if (len > 0 && LibCrypto.EVP_CipherUpdate(_dec, d, out written, c, len) != 1)
            {
                return false;
            }

            return LibCrypto.EVP_CIPHER_CTX_ctrl(_dec, LibCrypto.CtrlAeadSetTag, TagSize, t) == 1
                && LibCrypto.EVP_CipherFinal_ex(_dec, d + written, out _) == 1;
        }
    }

    /// <summary>Frees the OpenSSL contexts.</summary>
    public void Dispose()
    {
        _enc.Dispose();
        _dec.Dispose();
        if (ReferenceEquals(_current, this))
        {
            _current = null;
        }
    }

    private static void Check(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce)
    {
        if (key.Length != KeySize || nonce.Length != NonceSize)
        {
            throw new ArgumentException("ChaCha20-Poly1305 needs a 32-byte key and a 12-byte nonce");
        }
    }

    private static EvpCipherCtxHandle NewContext(int enc)
    {
        var ctx = LibCrypto.EVP_CIPHER_CTX_new();
        if (ctx.IsInvalid || LibCrypto.EVP_CipherInit_ex(ctx, LibCrypto.EVP_chacha20_poly1305(), 0, null, null, enc) != 1)
        {
            ctx.Dispose();
            throw new CryptographicException("cannot create an OpenSSL ChaCha20-Poly1305 context; install OpenSSL 3 (libssl3)");
        }

        return ctx;
    }
}
