using System.Buffers.Binary;
using System.Security.Cryptography;
using WireGuard.Conn;
using WireGuard.Crypto;

namespace WireGuard.Noise;

/// <summary>
/// The receiving side of mac1/mac2 for the device: checks mac1 (always) and mac2 (under load) and creates cookie
/// replies. The cookie secret rotates every 120 s. Thread-safe.
/// </summary>
internal sealed class CookieChecker
{
    private readonly byte[] _secret = new byte[32];
    private readonly Lock _lock = new();
    private long _secretSetMs = long.MinValue / 2;
    private StaticIdentity? _identity;

    /// <summary>Sets the identity whose mac1/cookie keys are used (null: every check fails).</summary>
    public void SetIdentity(StaticIdentity? identity) => Volatile.Write(ref _identity, identity);

    /// <summary>True when mac1 (the 16 bytes before the last 16) is right for our public key.</summary>
    public bool CheckMac1(ReadOnlySpan<byte> msg)
    {
        var id = Volatile.Read(ref _identity);
        if (id is null)
        {
            return false;
        }

        var off = msg.Length - 32;
        Span<byte> mac = stackalloc byte[16];
        Blake2s.Mac(id.Mac1Key, msg[..off], mac);
        return CryptographicOperations.FixedTimeEquals(mac, msg.Slice(off, 16));
    }

    /// <summary>True when mac2 proves the sender holds the cookie for <paramref name="source"/>.</summary>
    public bool CheckMac2(ReadOnlySpan<byte> msg, UdpEndpoint source, long nowMs)
    {
        Span<byte> cookie = stackalloc byte[16];
        MakeCookie(source, nowMs, cookie);
        var off = msg.Length - 16;
        Span<byte> mac = stackalloc byte[16];
        Blake2s.Mac(cookie, msg[..off], mac);
        return CryptographicOperations.FixedTimeEquals(mac, msg[off..]);
    }

    /// <summary>Writes a 64-byte cookie reply to <paramref name="msg"/> (an initiation or response from <paramref name="source"/>).</summary>
    public bool CreateReply(ReadOnlySpan<byte> msg, UdpEndpoint source, long nowMs, Span<byte> reply)
    {
        var id = Volatile.Read(ref _identity);
        if (id is null)
        {
            return false;
        }

        Span<byte> cookie = stackalloc byte[16];
        MakeCookie(source, nowMs, cookie);
        reply[..Protocol.CookieReplySize].Clear();
        reply[0] = Protocol.TypeCookieReply;
        BinaryPrimitives.WriteUInt32LittleEndian(reply[4..], BinaryPrimitives.ReadUInt32LittleEndian(msg[4..]));
        RandomNumberGenerator.Fill(reply.Slice(8, 24));
        var mac1 = msg.Slice(msg.Length - 32, 16);
        XChaChaPoly.Seal(id.CookieKey, reply.Slice(8, 24), cookie, mac1, reply.Slice(32, 32));
        return true;
    }

    private void MakeCookie(UdpEndpoint source, long nowMs, Span<byte> cookie)
    {
        Span<byte> src = stackalloc byte[18];
        var n = source.WriteAddress(src);
        BinaryPrimitives.WriteUInt16BigEndian(src[n..], source.Port);
        lock (_lock)
        {
            if (nowMs - _secretSetMs >= Protocol.CookieRefreshTimeMs)
            {
                RandomNumberGenerator.Fill(_secret);
                _secretSetMs = nowMs;
            }

            Blake2s.Mac(_secret, src[..(n + 2)], cookie);
        }
    }
}
