namespace Mesh.Tests.Spec;

/// <summary>Every mistake of a badly broken spec is reported at once, each at its own line.</summary>
public sealed class ManyMistakesTests
{
    private const string Broken = """
        mesh:
          name: t
          asn: 65000
          wireguard:
            listen-prot: 51820
        overlay:
          controller: evpnctl
          zone: x
          vrf-vni: 100000
          vnet:
            id: crossvnt
            vni: 100000
          exit-nodes-local-routing: true
        sites:
          roz:
            range: 10.1.0.0/16
            exit-nodes: [nope]
            subnets:
              - cidr: 10.1.1.0/24
                gateway: 10.1.2.1
            nodes:
              roz1:
                role: proxmox
                address: 10.1.0.1
                public-key: 3OW5+/UO3zvf4wMZ22tzzjkPCD7XF3BtmnZ/N6jL+ms=
                endpoint: roz.example.net
                private-key: secret
          wro:
            range: 10.1.128.0/17
            nodes:
              wro1:
                address: 10.3.0.1
                public-key: 3OW5+/UO3zvf4wMZ22tzzjkPCD7XF3BtmnZ/N6jL+ms=
                endpoint: wro.example.net:51820
        """;

    [Fact]
    public void All_errors_are_reported_with_their_lines()
    {
        var result = TestSpec.Load(Broken);

        var expected = new (int Line, string Path, string Text)[]
        {
            (5, "mesh.wireguard.listen-prot", "did you mean 'listen-port'?"),
            (8, "overlay.zone", "zone id"),
            (12, "overlay.vnet.vni", "vrf-vni"),
            (13, "overlay.exit-nodes-local-routing", "refused"),
            (17, "sites.roz.exit-nodes", "'nope' is not a node"),
            (20, "sites.roz.subnets[0].gateway", "outside its subnet"),
            (26, "sites.roz.nodes.roz1.endpoint", "has no port"),
            (27, "sites.roz.nodes.roz1.private-key", "meshctl keygen"),
            (29, "sites.wro.range", "overlaps the range 10.1.0.0/16"),
            (32, "sites.wro.nodes.wro1.role", "missing required field 'role'"),
            (32, "sites.wro.nodes.wro1.address", "outside the site range"),
            (33, "sites.wro.nodes.wro1.public-key", "already used by node roz1"),
        };
        var errors = result.Diagnostics.Where(d => d.IsError).ToList();
        foreach (var (line, path, text) in expected)
        {
            Assert.True(
                errors.Any(d => d.Line == line && d.Path == path && d.Message.Contains(text, StringComparison.Ordinal)),
                $"missing {line}: {path}: {text}\ngot:\n{string.Join("\n", errors)}");
        }

        Assert.Equal(expected.Length, errors.Count);
        Assert.Equal(errors.OrderBy(d => d.Line).ThenBy(d => d.Column), errors);
    }
}
