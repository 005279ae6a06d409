using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Netlink.Wire;

/// <summary>
/// Builds one netlink request in a pooled buffer: header, fixed family header, attributes (nested ones
/// get NLA_F_NESTED and a back-patched length), each padded to 4 bytes. <see cref="Message"/> patches
/// nlmsg_len. Dispose returns the buffer to the pool.
/// </summary>
public sealed class NetlinkWriter : IDisposable
{
    private byte[] _buffer;
    private int _length;

    /// <summary>Starts a message of <paramref name="type"/> with NLM_F_REQUEST plus <paramref name="flags"/>.</summary>
    public NetlinkWriter(ushort type, ushort flags, int capacity = 512)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 64));
        var hdr = new NlMsgHdr { Type = type, Flags = (ushort)(flags | Nl.FRequest) };
        Write(in hdr);
    }

    /// <summary>Bytes written so far (the current message length).</summary>
    public int Length => _length;

    /// <summary>The message type.</summary>
    public ushort Type => MemoryMarshal.Read<ushort>(_buffer.AsSpan(4));

    /// <summary>The message flags.</summary>
    public ushort Flags => MemoryMarshal.Read<ushort>(_buffer.AsSpan(6));

    /// <summary>The finished message with nlmsg_len patched.</summary>
    public ReadOnlySpan<byte> Message
    {
        get
        {
            MemoryMarshal.Write(_buffer.AsSpan(0, 4), (uint)_length);
            return _buffer.AsSpan(0, _length);
        }
    }

    /// <summary>Sets nlmsg_seq and nlmsg_pid (the socket does this on send).</summary>
    public void SetSequence(uint seq, uint pid = 0)
    {
        MemoryMarshal.Write(_buffer.AsSpan(8, 4), seq);
        MemoryMarshal.Write(_buffer.AsSpan(12, 4), pid);
    }

    /// <summary>Appends a fixed-size structure (family header) padded to 4 bytes.</summary>
    public void Write<T>(in T value)
        where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        var span = Reserve(Nl.Align(size));
        MemoryMarshal.Write(span, in value);
    }

    /// <summary>Appends already encoded bytes (family header and attributes).</summary>
    public void AppendRaw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>Appends an attribute with a raw payload.</summary>
    public void Put(ushort type, ReadOnlySpan<byte> payload)
    {
        var total = Nl.AttrHeaderSize + payload.Length;
        var span = Reserve(Nl.Align(total));
        MemoryMarshal.Write(span, (ushort)total);
        MemoryMarshal.Write(span[2..], type);
        payload.CopyTo(span[Nl.AttrHeaderSize..]);
    }

    /// <summary>Appends an attribute without payload (a flag).</summary>
    public void PutFlag(ushort type) => Put(type, []);

    /// <summary>Appends a u8 attribute.</summary>
    public void PutU8(ushort type, byte value) => Put(type, [value]);

    /// <summary>Appends a u16 attribute in host order.</summary>
    public void PutU16(ushort type, ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        MemoryMarshal.Write(b, value);
        Put(type, b);
    }

    /// <summary>Appends a u16 attribute in network order (ports).</summary>
    public void PutBe16(ushort type, ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, value);
        Put(type, b);
    }

    /// <summary>Appends a u32 attribute in host order.</summary>
    public void PutU32(ushort type, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        MemoryMarshal.Write(b, value);
        Put(type, b);
    }

    /// <summary>Appends an s32 attribute in host order.</summary>
    public void PutS32(ushort type, int value) => PutU32(type, unchecked((uint)value));

    /// <summary>Appends a u64 attribute in host order.</summary>
    public void PutU64(ushort type, ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        MemoryMarshal.Write(b, value);
        Put(type, b);
    }

    /// <summary>Appends a NUL-terminated UTF-8 string attribute.</summary>
    public void PutString(ushort type, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value + "\0");
        Put(type, bytes);
    }

    /// <summary>Appends an IPv4/IPv6 address attribute (4 or 16 bytes).</summary>
    public void PutAddress(ushort type, IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out var written);
        Put(type, b[..written]);
    }

    /// <summary>Opens a nested attribute (NLA_F_NESTED set); returns the token for <see cref="EndNested"/>.</summary>
    public int BeginNested(ushort type, bool nestedFlag = true)
    {
        var start = _length;
        var span = Reserve(Nl.AttrHeaderSize);
        MemoryMarshal.Write(span[2..], (ushort)(nestedFlag ? type | Nl.AttrNested : type));
        return start;
    }

    /// <summary>Closes a nested attribute by back-patching its length.</summary>
    public void EndNested(int token) => MemoryMarshal.Write(_buffer.AsSpan(token, 2), (ushort)(_length - token));

    /// <summary>Drops everything written after <paramref name="length"/> (cancels a partial attribute).</summary>
    public void Truncate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, Nl.HeaderSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, _length);
        _length = length;
    }

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        var b = _buffer;
        _buffer = [];
        if (b.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(b);
        }
    }

    private Span<byte> Reserve(int size)
    {
        if (_length + size > _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + size));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        var span = _buffer.AsSpan(_length, size);
        span.Clear();
        _length += size;
        return span;
    }
}
