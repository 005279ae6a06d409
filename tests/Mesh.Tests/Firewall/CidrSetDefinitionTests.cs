using System.Net;
using System.Net.Sockets;
using System.Text;
using Mesh.Firewall;

namespace Mesh.Tests.Firewall;

/// <summary>
/// <see cref="CidrSet.Normalize"/> and <see cref="CidrSet.AppendFormat"/> (the allocation-lean forms the nftables
/// renderer uses) equal their plain definitions over random IPv4 and IPv6 networks.
/// </summary>
public sealed class CidrSetDefinitionTests
{
    [Fact]
    public void Normalize_equals_sort_dedupe_and_drop_covered()
    {
        var random = new Random(7);
        for (var round = 0; round < 300; round++)
        {
            var nets = Enumerable.Range(0, random.Next(0, 40)).Select(_ => RandomNetwork(random)).ToList();

            var sorted = nets.Distinct().Order(Comparer<IPNetwork>.Create(CidrSet.Compare)).ToList();
            var expected = sorted.Where(n => !sorted.Any(o => !o.Equals(n) && CidrSet.Covers(o, n))).ToList();

            Assert.Equal(expected, CidrSet.Normalize(nets));
        }
    }

    [Fact]
    public void AppendFormat_writes_what_Format_returns()
    {
        var random = new Random(11);
        for (var round = 0; round < 300; round++)
        {
            var nets = Enumerable.Range(0, random.Next(1, 12)).Select(_ => RandomNetwork(random)).ToList();
            foreach (var family in (AddressFamily[])[AddressFamily.InterNetwork, AddressFamily.InterNetworkV6])
            {
                foreach (var interval in CidrSet.Intervals(nets, family))
                {
                    Assert.Equal(CidrSet.Format(interval), CidrSet.AppendFormat(new StringBuilder(), interval).ToString());
                }
            }
        }
    }

    /// <summary>Networks clustered in a small space (so they overlap, nest and touch), now and then the whole space.</summary>
    private static IPNetwork RandomNetwork(Random random)
    {
        if (random.Next(3) == 0)
        {
            var v6 = new byte[16];
            v6[0] = 0xfd;
            v6[15] = (byte)random.Next(256);
            v6[14] = (byte)random.Next(4);
            var prefix6 = random.Next(50) == 0 ? 0 : random.Next(112, 129);
            return new IPNetwork(Mask(new IPAddress(v6), prefix6), prefix6);
        }

        var v4 = new IPAddress([10, 0, (byte)random.Next(4), (byte)random.Next(256)]);
        var prefix = random.Next(50) == 0 ? 0 : random.Next(20, 33);
        return new IPNetwork(Mask(v4, prefix), prefix);
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }
}
