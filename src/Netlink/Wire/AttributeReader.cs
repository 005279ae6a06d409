using System.Runtime.InteropServices;

namespace Netlink.Wire;

/// <summary>
/// Iterates netlink attributes in a span (foreach-able). A truncated or overlong attribute ends iteration
/// with a <see cref="NetlinkException"/> (EBADMSG) rather than reading out of bounds.
/// </summary>
public ref struct AttributeReader
{
    private ReadOnlySpan<byte> _rest;

    /// <summary>Reads attributes from <paramref name="attributes"/> (starting at an nlattr header).</summary>
    public AttributeReader(ReadOnlySpan<byte> attributes) => _rest = attributes;

    /// <summary>The current attribute.</summary>
    public NetlinkAttribute Current { get; private set; }

    /// <summary>Returns this reader (foreach support).</summary>
    public readonly AttributeReader GetEnumerator() => this;

    /// <summary>Advances to the next attribute.</summary>
    public bool MoveNext()
    {
        if (_rest.Length < Nl.AttrHeaderSize)
        {
            return false;
        }

        var len = MemoryMarshal.Read<ushort>(_rest);
        var type = MemoryMarshal.Read<ushort>(_rest[2..]);
        if (len < Nl.AttrHeaderSize || len > _rest.Length)
        {
            throw new NetlinkException(Errno.EBADMSG, $"malformed netlink attribute (type {type & Nl.AttrTypeMask}, length {len}, {_rest.Length} bytes left)");
        }

        Current = new NetlinkAttribute(type, _rest[Nl.AttrHeaderSize..len]);
        var next = Math.Min(Nl.Align(len), _rest.Length);
        _rest = _rest[next..];
        return true;
    }
}
