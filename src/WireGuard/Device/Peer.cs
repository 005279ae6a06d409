using System.Net;
using WireGuard.Conn;
using WireGuard.Noise;
using WireGuard.Timers;

namespace WireGuard.Device;

/// <summary>
/// One peer of a <see cref="WireGuardDevice"/>. Lock rules: configuration fields change under the device's config
/// lock; <see cref="Handshake"/> under its own lock; <see cref="Keypairs"/> under its own lock (Current is read
/// lock-free); <see cref="Timers"/> under <see cref="TimerLock"/>; the staged queue under <see cref="Staged"/>.
/// The endpoint is an immutable box swapped atomically (roaming from the receive path).
/// </summary>
internal sealed class Peer
{
    private EndpointBox? _endpoint;
    private long _rxBytes;
    private long _txBytes;
    private long _lastHandshakeTicks;

    public Peer(Key publicKey)
    {
        PublicKey = publicKey;
        Handshake = new Handshake(publicKey, this);
        Cookies = new CookieGenerator(publicKey.Bytes);
    }

    public Key PublicKey { get; }

    public Handshake Handshake { get; }

    public CookieGenerator Cookies { get; }

    public Keypairs Keypairs { get; } = new();

    public PeerTimers Timers { get; } = new();

    public Lock TimerLock { get; } = new();

    public Queue<StagedPacket> Staged { get; } = new();

    public Key? PresharedKey { get; set; }

    public List<IPNetwork> AllowedIps { get; } = [];

    /// <summary>Set when the peer was removed: every path drops its work for it.</summary>
    public volatile bool Removed;

    /// <summary>Set while an initiation is queued so bursts of triggers start one handshake.</summary>
    public int InitiationQueued;

    public UdpEndpoint? Endpoint => Volatile.Read(ref _endpoint)?.Value;

    /// <summary>The last path MTU read for the endpoint (swapped by the timer; read lock-free by the send loop).</summary>
    public PathMtuReading? PathMtu;

    public long RxBytes => Interlocked.Read(ref _rxBytes);

    public long TxBytes => Interlocked.Read(ref _txBytes);

    public DateTimeOffset? LastHandshake
    {
        get
        {
            var t = Interlocked.Read(ref _lastHandshakeTicks);
            return t == 0 ? null : new DateTimeOffset(t, TimeSpan.Zero);
        }
    }

    /// <summary>Sets the endpoint; true when it changed.</summary>
    public bool SetEndpoint(UdpEndpoint? ep)
    {
        var cur = Volatile.Read(ref _endpoint);
        if (ep is null)
        {
            Volatile.Write(ref _endpoint, null);
            return cur is not null;
        }

        if (cur is null || cur.Value != ep.Value)
        {
            Volatile.Write(ref _endpoint, new EndpointBox(ep.Value));
            return true;
        }

        return false;
    }

    public void AddRx(long n) => Interlocked.Add(ref _rxBytes, n);

    public void AddTx(long n) => Interlocked.Add(ref _txBytes, n);

    public void SetLastHandshake(DateTimeOffset t) => Interlocked.Exchange(ref _lastHandshakeTicks, t.UtcTicks);

    private sealed record EndpointBox(UdpEndpoint Value);
}

/// <summary>A packet waiting for a session: a pooled buffer with the IP packet at <see cref="WireGuardDevice.HeadRoom"/>.</summary>
internal readonly record struct StagedPacket(byte[] Buffer, int Length);

/// <summary>A path MTU (outer IP packet bytes, 0 = unknown) read toward <paramref name="Endpoint"/> at <paramref name="AtMs"/>.</summary>
internal sealed record PathMtuReading(UdpEndpoint Endpoint, int Mtu, long AtMs);
