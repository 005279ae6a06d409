using System.Collections.Concurrent;
using System.Security.Cryptography;
using WireGuard.Noise;

namespace WireGuard.Device;

/// <summary>What a receiver index points at: a pending handshake or a session keypair, and their peer.</summary>
internal sealed record IndexEntry(Peer Peer, Handshake? Handshake, Keypair? Keypair);

/// <summary>Random 32-bit local indices mapped to handshakes and keypairs (lock-free lookups).</summary>
internal sealed class IndexTable
{
    private readonly ConcurrentDictionary<uint, IndexEntry> _map = new();

    public int Count => _map.Count;

    /// <summary>Allocates a fresh random index for a handshake of <paramref name="peer"/>.</summary>
    public uint NewIndex(Peer peer)
    {
        Span<byte> r = stackalloc byte[4];
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            RandomNumberGenerator.Fill(r);
            var idx = BitConverter.ToUInt32(r);
            if (idx != 0 && _map.TryAdd(idx, new IndexEntry(peer, peer.Handshake, null)))
            {
                return idx;
            }
        }

        throw new InvalidOperationException("cannot allocate a receiver index: the index table is full");
    }

    /// <summary>The index now names the session derived from its handshake.</summary>
    public void SwapToKeypair(uint index, Keypair kp)
    {
        if (_map.TryGetValue(index, out var e))
        {
            _map[index] = e with { Handshake = null, Keypair = kp };
        }
    }

    public IndexEntry? Lookup(uint index) => _map.TryGetValue(index, out var e) ? e : null;

    public void Remove(uint index)
    {
        if (index != 0)
        {
            _map.TryRemove(index, out _);
        }
    }
}
