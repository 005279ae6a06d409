namespace WireGuard.Noise;

/// <summary>
/// Sliding-window replay protection (RFC 6479): a ring of 128 × 64-bit blocks, window 8128 counters.
/// Not thread-safe: the receive path checks counters of one keypair sequentially, after decryption.
/// </summary>
public sealed class ReplayFilter
{
    private const int BlockBits = 64;
    private const int RingBlocks = 128;
    private const ulong BlockMask = RingBlocks - 1;

    /// <summary>Counters this far behind the newest one are still accepted once.</summary>
    public const ulong WindowSize = (RingBlocks - 1) * BlockBits;

    private readonly ulong[] _ring = new ulong[RingBlocks];
    private ulong _last;

    /// <summary>Accepts each counter below <paramref name="limit"/> at most once, within the window.</summary>
    public bool Validate(ulong counter, ulong limit = Protocol.RejectAfterMessages)
    {
        if (counter >= limit)
        {
            return false;
        }

        var block = counter / BlockBits;
        if (counter > _last)
        {
            var current = _last / BlockBits;
            var diff = Math.Min(block - current, RingBlocks);
            for (var i = current + 1; i <= current + diff; i++)
            {
                _ring[i & BlockMask] = 0;
            }

            _last = counter;
        }
        else if (_last - counter > WindowSize)
        {
            return false;
        }

        var bit = 1UL << (int)(counter % BlockBits);
        ref var slot = ref _ring[block & BlockMask];
        var old = slot;
        slot = old | bit;
        return old != slot;
    }

    /// <summary>Forgets every counter.</summary>
    public void Reset()
    {
        _last = 0;
        Array.Clear(_ring);
    }
}
