using System.Net;
using Mesh.Collections;
using Mesh.Model;

namespace Mesh.Planning;

/// <summary>
/// What every part of one node's plan reads about the whole mesh, computed once per <see cref="Planner.Plan"/>
/// instead of once per part (each <see cref="MeshSpec.AllNodes"/> call sorts every node again).
/// </summary>
/// <param name="All">Every node, sorted by name (<see cref="MeshSpec.AllNodes"/>).</param>
/// <param name="Vteps">WireGuard addresses of every node that is not a route reflector, sorted.</param>
/// <param name="RouteReflectors">WireGuard addresses of the topology's route reflectors, sorted.</param>
internal sealed record MeshIndex(
    IReadOnlyList<(SiteSpec Site, NodeSpec Node)> All,
    EquatableArray<IPAddress> Vteps,
    EquatableArray<IPAddress> RouteReflectors)
{
    public static MeshIndex Of(MeshSpec spec)
    {
        var all = spec.AllNodes.ToArray();
        var vteps = new List<IPAddress>(all.Length);
        var rrs = new List<IPAddress>();
        foreach (var (_, node) in all)
        {
            if (node.Role != NodeRole.RouteReflector)
            {
                vteps.Add(node.Address);
            }

            if (spec.Topology.RouteReflectors.Contains(node.Name))
            {
                rrs.Add(node.Address);
            }
        }

        return new MeshIndex(all, PlanOrder.Addresses(vteps), PlanOrder.Addresses(rrs));
    }

    /// <summary>The node called <paramref name="name"/>, or null (names are unique in a valid spec).</summary>
    public (SiteSpec Site, NodeSpec Node)? Find(string name)
    {
        foreach (var pair in All)
        {
            if (pair.Node.Name == name)
            {
                return pair;
            }
        }

        return null;
    }
}
