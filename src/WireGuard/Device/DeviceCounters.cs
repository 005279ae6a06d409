namespace WireGuard.Device;

/// <summary>Why the device dropped packets, counted since it was created (a consistent-enough snapshot).</summary>
/// <param name="Replay">Transport packets whose counter was already seen or fell out of the window.</param>
/// <param name="BadMac">Handshake messages with a wrong mac1 (or that failed to decrypt).</param>
/// <param name="ForgedTag">Transport packets whose Poly1305 tag did not verify.</param>
/// <param name="SourceMismatch">Decrypted packets whose inner source is not in the sending peer's allowed IPs.</param>
/// <param name="UnknownIndex">Transport or handshake messages naming a receiver index we do not have.</param>
/// <param name="Malformed">Datagrams of unknown type or wrong size, or inner packets that are not IPv4/IPv6.</param>
/// <param name="RateLimited">Handshakes dropped under load by the per-source rate limit or a full queue.</param>
/// <param name="CookieRepliesSent">Cookie replies sent under load.</param>
/// <param name="NoRoute">Outgoing packets whose destination no peer's allowed IPs cover.</param>
/// <param name="HandshakeFailed">Handshake messages that authenticated but were refused (replayed timestamp, flood, state).</param>
/// <param name="StagedDropped">Staged packets dropped (queue full, handshake given up, peer removed).</param>
/// <param name="Expired">Transport packets on a session older than reject-after-time.</param>
/// <param name="TooBig">Outgoing packets dropped because they exceed the peer's path MTU (never fragmented).</param>
/// <param name="TooBigIcmpSent">ICMP fragmentation-needed / packet-too-big errors written back into the TUN.</param>
public sealed record DeviceCountersSnapshot(
    long Replay,
    long BadMac,
    long ForgedTag,
    long SourceMismatch,
    long UnknownIndex,
    long Malformed,
    long RateLimited,
    long CookieRepliesSent,
    long NoRoute,
    long HandshakeFailed,
    long StagedDropped,
    long Expired,
    long TooBig = 0,
    long TooBigIcmpSent = 0);

/// <summary>The live counters (incremented with Interlocked on the data path).</summary>
internal sealed class DeviceCounters
{
    public long Replay;
    public long BadMac;
    public long ForgedTag;
    public long SourceMismatch;
    public long UnknownIndex;
    public long Malformed;
    public long RateLimited;
    public long CookieRepliesSent;
    public long NoRoute;
    public long HandshakeFailed;
    public long StagedDropped;
    public long Expired;
    public long TooBig;
    public long TooBigIcmpSent;

    public DeviceCountersSnapshot Snapshot() => new(
        Interlocked.Read(ref Replay),
        Interlocked.Read(ref BadMac),
        Interlocked.Read(ref ForgedTag),
        Interlocked.Read(ref SourceMismatch),
        Interlocked.Read(ref UnknownIndex),
        Interlocked.Read(ref Malformed),
        Interlocked.Read(ref RateLimited),
        Interlocked.Read(ref CookieRepliesSent),
        Interlocked.Read(ref NoRoute),
        Interlocked.Read(ref HandshakeFailed),
        Interlocked.Read(ref StagedDropped),
        Interlocked.Read(ref Expired),
        Interlocked.Read(ref TooBig),
        Interlocked.Read(ref TooBigIcmpSent));
}
