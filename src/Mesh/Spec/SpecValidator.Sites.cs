using System.Net;
using Mesh.Model;

namespace Mesh.Spec;

internal static partial class SpecValidator
{
    private static void ValidateSites(MeshSpec spec, Checker v)
    {
        if (spec.Sites.Count == 0 && v.Valid("sites"))
        {
            v.Error("sites", "no sites declared; add at least one site with a range and nodes");
        }

        var ranges = spec.Sites.Where(s => v.Valid($"sites.{s.Name}.range")).ToList();
        for (var i = 0; i < ranges.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (NetworkOrder.Overlaps(ranges[i].Range, ranges[j].Range))
                {
                    v.Error($"sites.{ranges[i].Name}.range", $"{ranges[i].Range} overlaps the range {ranges[j].Range} of site {ranges[j].Name}; give every site its own range");
                }
            }
        }

        var allSubnets = new List<(string Path, SiteSpec Site, SubnetSpec Subnet)>();
        foreach (var site in spec.Sites)
        {
            ValidateSiteLists(site, v);
            if (site.Nodes.Count == 0 && v.Valid($"sites.{site.Name}.nodes"))
            {
                v.Warning($"sites.{site.Name}.nodes", "the site has no nodes yet");
            }

            var subnetIndex = 0;
            foreach (var subnet in site.Subnets)
            {
                var path = $"sites.{site.Name}.subnets[{PathIndex(site, subnet, v, subnetIndex++)}]";
                if (v.Valid($"{path}.cidr"))
                {
                    ValidateSubnet(site, subnet, path, v);
                    allSubnets.Add((path, site, subnet));
                }
            }
        }

        for (var i = 0; i < allSubnets.Count; i++)
        {
            var (path, site, subnet) = allSubnets[i];
            for (var j = 0; j < i; j++)
            {
                if (NetworkOrder.Overlaps(subnet.Cidr, allSubnets[j].Subnet.Cidr))
                {
                    v.Error($"{path}.cidr", $"{subnet.Cidr} overlaps subnet {allSubnets[j].Subnet.Cidr} of site {allSubnets[j].Site.Name}; subnets must be disjoint");
                }
            }

            foreach (var other in ranges.Where(r => r.Name != site.Name && NetworkOrder.Overlaps(r.Range, subnet.Cidr)))
            {
                v.Error($"{path}.cidr", $"{subnet.Cidr} overlaps the underlay range {other.Range} of site {other.Name}; pick a subnet outside other sites' ranges");
            }
        }
    }

    private static void ValidateSubnet(SiteSpec site, SubnetSpec subnet, string path, Checker v)
    {
        if (v.Valid($"{path}.gateway"))
        {
            if (!subnet.Cidr.Contains(subnet.Gateway))
            {
                v.Error($"{path}.gateway", $"{subnet.Gateway} is outside its subnet {subnet.Cidr}; pick an address inside it, e.g. {FirstHost(subnet.Cidr)}");
            }
            else if (IsNetworkOrBroadcast(subnet.Cidr, subnet.Gateway))
            {
                v.Error($"{path}.gateway", $"{subnet.Gateway} is the network or broadcast address of {subnet.Cidr}; pick a host address, e.g. {FirstHost(subnet.Cidr)}");
            }
        }

        if (!subnet.Snat)
        {
            v.Warning($"{path}.snat", $"snat is off: VMs whose default route is the overlay gateway reach the internet only if your router routes {subnet.Cidr} back to site {site.Name} and NATs it; keep snat: true unless you did that");
        }
        else if (site.ExitNodes.Count == 0)
        {
            v.Warning($"{path}.snat", $"snat needs an exit node but site {site.Name} lists no exit-nodes; VMs in {subnet.Cidr} reach other sites but not the internet");
        }
    }

    private static void ValidateSiteLists(SiteSpec site, Checker v)
    {
        foreach (var (list, key) in new[] { (site.ExitNodes, "exit-nodes"), (site.Gateways, "gateways") })
        {
            foreach (var name in list)
            {
                var node = site.Nodes.FirstOrDefault(n => n.Name == name);
                var path = $"sites.{site.Name}.{key}";
                if (node is null)
                {
                    var known = site.Nodes.Select(n => n.Name).ToArray();
                    v.Error(path, $"'{name}' is not a node of site {site.Name}" + (known.Length == 0 ? string.Empty : $" (its nodes: {string.Join(", ", known)})"));
                }
                else if (node.Role == NodeRole.RouteReflector)
                {
                    v.Error(path, $"'{name}' is a route reflector; {key} must be proxmox or native nodes");
                }
            }
        }
    }

    /// <summary>Subnets are sorted in the model; find the index they had in the file, for the path.</summary>
    private static int PathIndex(SiteSpec site, SubnetSpec subnet, Checker v, int sortedIndex)
    {
        var text = subnet.Cidr.ToString();
        for (var i = 0; i < site.Subnets.Count + 64; i++)
        {
            if (v.Source.Text($"sites.{site.Name}.subnets[{i}].cidr") == text)
            {
                return i;
            }
        }

        return sortedIndex;
    }

    private static bool IsNetworkOrBroadcast(IPNetwork net, IPAddress address)
    {
        if (net.PrefixLength >= 31)
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        var hostBits = (bytes.Length * 8) - net.PrefixLength;
        var allZero = true;
        var allOne = true;
        for (var bit = 0; bit < hostBits; bit++)
        {
            var b = bytes[bytes.Length - 1 - (bit / 8)];
            var set = (b >> (bit % 8) & 1) == 1;
            allZero &= !set;
            allOne &= set;
        }

        return allZero || allOne;
    }

    private static IPAddress FirstHost(IPNetwork net)
    {
        var bytes = net.BaseAddress.GetAddressBytes();
        bytes[^1] |= 1;
        return new IPAddress(bytes);
    }
}
