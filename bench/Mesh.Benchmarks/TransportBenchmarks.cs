using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using WireGuard.Crypto;

namespace Mesh.Benchmarks;

/// <summary>
/// WireGuard transport data messages exactly as the userspace device builds and checks them: pad to 16 (never past
/// the 1420 MTU), ChaCha20-Poly1305 with the counter nonce through OpenSSL (in place), 16-byte header; open
/// authenticates and decrypts. One thread, so the figures are per core. The columns add packets/s, Gbit/s of
/// plaintext, and the ratio to `openssl speed -evp chacha20-poly1305 -bytes N` measured in the same process.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class TransportBenchmarks
{
    private const int Mtu = 1420;
    private readonly byte[] _key = new byte[ChaChaPoly.KeySize];
    private readonly ChaChaPoly _aead = new();
    private byte[] _buf = [];
    private byte[] _sealed = [];
    private byte[] _opened = [];
    private int _padded;
    private ulong _counter;

    /// <summary>Inner packet size in bytes.</summary>
    [Params(64, 576, 1420)]
    public int Size { get; set; }

    /// <summary>Random key and packet; one sealed packet for the open benchmark.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Random.Shared.NextBytes(_key);
        _padded = Math.Min((Size + 15) & ~15, Mtu);
        _buf = new byte[16 + _padded + ChaChaPoly.TagSize];
        Random.Shared.NextBytes(_buf.AsSpan(16, Size));
        _sealed = new byte[_buf.Length];
        _buf.CopyTo(_sealed, 0);
        SealInto(_sealed, 7);
        _opened = new byte[_padded];
        if (!Open())
        {
            throw new InvalidOperationException("a freshly sealed packet does not open");
        }
    }

    /// <summary>Pads, seals in place, writes the header.</summary>
    [Benchmark]
    public int Seal() => SealInto(_buf, ++_counter);

    /// <summary>Reads the counter, authenticates and decrypts.</summary>
    [Benchmark]
    public bool Open()
    {
        var counter = BinaryPrimitives.ReadUInt64LittleEndian(_sealed.AsSpan(8));
        return _aead.Open(_key, counter, _sealed.AsSpan(16), default, _opened);
    }

    private int SealInto(byte[] buf, ulong counter)
    {
        buf.AsSpan(16 + Size, _padded - Size).Clear();
        _aead.Seal(_key, counter, buf.AsSpan(16, _padded), default, buf.AsSpan(16, _padded + ChaChaPoly.TagSize));
        BinaryPrimitives.WriteUInt32LittleEndian(buf, 4);
        BinaryPrimitives.WriteUInt32LittleEndian(buf.AsSpan(4), 0x01020304);
        BinaryPrimitives.WriteUInt64LittleEndian(buf.AsSpan(8), counter);
        return buf.Length;
    }
}
