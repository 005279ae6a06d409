using WireGuard.Conn;

namespace WireGuard.Device;

/// <summary>
/// Per-source-IP token bucket for handshakes under load: 20 per second, burst 5 (as wireguard-go). Entries idle for
/// a second are garbage-collected on the way. Thread-safe.
/// </summary>
internal sealed class RateLimiter
{
    private const long PacketsPerSecond = 20;
    private const long Burst = 5;
    private const long CostMs = 1000 / PacketsPerSecond;
    private const long MaxTokens = CostMs * Burst;
    private const int MaxEntries = 65536;

    private readonly Dictionary<UInt128, Entry> _entries = [];
    private readonly Lock _lock = new();
    private long _lastGcMs;

    /// <summary>True when a handshake from <paramref name="source"/>'s address may be processed now.</summary>
    public bool Allow(UdpEndpoint source, long nowMs)
    {
        Span<byte> a = stackalloc byte[16];
        a.Clear();
        source.WriteAddress(a);
        var key = new UInt128(BitConverter.ToUInt64(a), BitConverter.ToUInt64(a[8..])) ^ (source.IsV6 ? UInt128.Zero : UInt128.One << 127);
        lock (_lock)
        {
            if (nowMs - _lastGcMs > 1000)
            {
                _lastGcMs = nowMs;
                foreach (var (k, e) in _entries)
                {
                    if (nowMs - e.LastMs > 1000)
                    {
                        _entries.Remove(k);
                    }
                }
            }

            if (!_entries.TryGetValue(key, out var entry))
            {
                if (_entries.Count >= MaxEntries)
                {
                    return false;
                }

                _entries[key] = new Entry { Tokens = MaxTokens - CostMs, LastMs = nowMs };
                return true;
            }

            entry.Tokens = Math.Min(MaxTokens, entry.Tokens + (nowMs - entry.LastMs));
            entry.LastMs = nowMs;
            if (entry.Tokens >= CostMs)
            {
                entry.Tokens -= CostMs;
                return true;
            }

            return false;
        }
    }

    private sealed class Entry
    {
        public long Tokens;
        public long LastMs;
    }
}
