using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Netlink.Wire;

/// <summary>One received netlink message viewed in place.</summary>
public readonly ref struct NetlinkMessage
{
    /// <summary>Creates a view of a message whose header is <paramref name="header"/>.</summary>
    public NetlinkMessage(NlMsgHdr header, ReadOnlySpan<byte> payload)
    {
        Header = header;
        Payload = payload;
    }

    /// <summary>The header.</summary>
    public NlMsgHdr Header { get; }

    /// <summary>Message type.</summary>
    public ushort Type => Header.Type;

    /// <summary>Payload after the header (family header + attributes).</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>Reads the fixed family header (ifinfomsg, rtmsg ...) at the start of the payload.</summary>
    public T FamilyHeader<T>()
        where T : unmanaged => Payload.Length >= Unsafe.SizeOf<T>()
        ? MemoryMarshal.Read<T>(Payload)
        : throw new NetlinkException(Errno.EBADMSG, $"message type {Type} too short for {typeof(T).Name}");

    /// <summary>Attributes after a fixed family header of type <typeparamref name="T"/>.</summary>
    public AttributeReader Attributes<T>()
        where T : unmanaged => new(Payload[Math.Min(Nl.Align(Unsafe.SizeOf<T>()), Payload.Length)..]);
}

/// <summary>Iterates the messages in one received datagram (foreach-able).</summary>
public ref struct MessageReader
{
    private ReadOnlySpan<byte> _rest;

    /// <summary>Reads messages from a datagram.</summary>
    public MessageReader(ReadOnlySpan<byte> datagram) => _rest = datagram;

    /// <summary>The current message.</summary>
    public NetlinkMessage Current { get; private set; }

    /// <summary>Returns this reader (foreach support).</summary>
    public readonly MessageReader GetEnumerator() => this;

    /// <summary>Advances to the next message.</summary>
    public bool MoveNext()
    {
        if (_rest.Length < Nl.HeaderSize)
        {
            return false;
        }

        var hdr = MemoryMarshal.Read<NlMsgHdr>(_rest);
        if (hdr.Length < Nl.HeaderSize || hdr.Length > _rest.Length)
        {
            throw new NetlinkException(Errno.EBADMSG, $"malformed netlink message (length {hdr.Length}, {_rest.Length} bytes received)");
        }

        Current = new NetlinkMessage(hdr, _rest[Nl.HeaderSize..(int)hdr.Length]);
        _rest = _rest[Math.Min(Nl.Align((int)hdr.Length), _rest.Length)..];
        return true;
    }
}
