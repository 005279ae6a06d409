using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace WireGuard.Crypto;

/// <summary>An OpenSSL EVP_CIPHER_CTX owned by one thread at a time.</summary>
internal sealed class EvpCipherCtxHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public EvpCipherCtxHandle()
        : base(true)
    {
    }

    protected override bool ReleaseHandle()
    {
        LibCrypto.EVP_CIPHER_CTX_free(handle);
        return true;
    }
}

/// <summary>The few libcrypto (OpenSSL 3) entry points the data path needs.</summary>
internal static unsafe partial class LibCrypto
{
    private const string Lib = "libcrypto.so.3";

    public const int CtrlAeadSetIvLen = 0x9;
    public const int CtrlAeadGetTag = 0x10;
    public const int CtrlAeadSetTag = 0x11;

    [LibraryImport(Lib)]
    public static partial EvpCipherCtxHandle EVP_CIPHER_CTX_new();

    [LibraryImport(Lib)]
    public static partial void EVP_CIPHER_CTX_free(nint ctx);

    [LibraryImport(Lib)]
    public static partial nint EVP_chacha20_poly1305();

    [LibraryImport(Lib)]
    public static partial int EVP_CipherInit_ex(EvpCipherCtxHandle ctx, nint cipher, nint engine, byte* key, byte* iv, int enc);

    [LibraryImport(Lib)]
    public static partial int EVP_CipherUpdate(EvpCipherCtxHandle ctx, byte* output, out int outLen, byte* input, int inLen);

    [LibraryImport(Lib)]
    public static partial int EVP_CipherFinal_ex(EvpCipherCtxHandle ctx, byte* output, out int outLen);

    [LibraryImport(Lib)]
    public static partial int EVP_CIPHER_CTX_ctrl(EvpCipherCtxHandle ctx, int type, int arg, void* ptr);
}
