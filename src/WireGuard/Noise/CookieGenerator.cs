using System.Security.Cryptography;
using WireGuard.Crypto;

namespace WireGuard.Noise;

/// <summary>
/// The sending side of mac1/mac2 for one peer: adds the macs to our handshake messages and stores the cookie the
/// peer hands us when it is under load. Thread-safe (own lock).
/// </summary>
internal sealed class CookieGenerator
{
    private readonly byte[] _mac1Key = new byte[32];
    private readonly byte[] _cookieKey = new byte[32];
    private readonly byte[] _cookie = new byte[16];
    private readonly byte[] _lastMac1 = new byte[16];
    private long _cookieSetMs = long.MinValue / 2;
    private bool _hasLastMac1;

    public CookieGenerator(ReadOnlySpan<byte> remoteStatic)
    {
        Blake2s.Hash(Protocol.LabelMac1, remoteStatic, _mac1Key);
        Blake2s.Hash(Protocol.LabelCookie, remoteStatic, _cookieKey);
    }

    /// <summary>Writes mac1 and (with a fresh cookie) mac2 into the last 32 bytes of <paramref name="msg"/>.</summary>
    public void AddMacs(Span<byte> msg, long nowMs)
    {
        var mac1Offset = msg.Length - 32;
        lock (this)
        {
            Blake2s.Mac(_mac1Key, msg[..mac1Offset], msg.Slice(mac1Offset, 16));
            msg.Slice(mac1Offset, 16).CopyTo(_lastMac1);
            _hasLastMac1 = true;
            if (nowMs - _cookieSetMs < Protocol.CookieRefreshTimeMs)
            {
                Blake2s.Mac(_cookie, msg[..(mac1Offset + 16)], msg.Slice(mac1Offset + 16, 16));
            }
            else
            {
                msg.Slice(mac1Offset + 16, 16).Clear();
            }
        }
    }

    /// <summary>Decrypts a cookie reply (64 bytes) to our last message; false when it does not authenticate.</summary>
    public bool ConsumeReply(ReadOnlySpan<byte> reply, long nowMs)
    {
        if (reply.Length != Protocol.CookieReplySize)
        {
            return false;
        }

        lock (this)
        {
            if (!_hasLastMac1)
            {
                return false;
            }

            Span<byte> cookie = stackalloc byte[16];
            if (!XChaChaPoly.Open(_cookieKey, reply.Slice(8, 24), reply.Slice(32, 32), _lastMac1, cookie))
            {
                return false;
            }

            cookie.CopyTo(_cookie);
            _cookieSetMs = nowMs;
            _hasLastMac1 = false;
            CryptographicOperations.ZeroMemory(cookie);
            return true;
        }
    }
}
