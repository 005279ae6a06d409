using CsCheck;
using Netlink.Wire;

namespace Netlink.Tests;

/// <summary>Property: any list of attributes (any type, any payload length) reads back exactly as written.</summary>
public sealed class AttributePropertyTests
{
    [Fact]
    public void Any_attributes_round_trip_through_writer_and_reader()
    {
        var attr = Gen.Select(Gen.UShort[1, Nl.AttrTypeMask], Gen.Byte.Array[0, 70]);
        attr.List[0, 25].Sample(list =>
        {
            using var w = new NetlinkWriter(0x42, 0);
            foreach (var (type, payload) in list)
            {
                w.Put(type, payload);
            }

            var bytes = w.Message.ToArray();
            Assert.Equal(0, bytes.Length % Nl.AlignTo);
            var read = new List<(ushort, byte[])>();
            foreach (var a in new AttributeReader(Hex.Message(bytes).Payload))
            {
                read.Add((a.Type, a.Payload.ToArray()));
            }

            Assert.Equal(list.Count, read.Count);
            for (var i = 0; i < list.Count; i++)
            {
                Assert.Equal(list[i].Item1, read[i].Item1);
                Assert.Equal(list[i].Item2, read[i].Item2);
            }
        }, iter: 2000);
    }
}
