using Mesh.Spec;
using TestSupport;

namespace Mesh.Tests.Spec;

/// <summary>A small valid two-site spec with known line numbers, and helpers to break it.</summary>
internal static class TestSpec
{
    public const string Key1 = "3OW5+/UO3zvf4wMZ22tzzjkPCD7XF3BtmnZ/N6jL+ms=";
    public const string Key2 = "aPYrjOxBhiEDSzfviaPIKLQiXUWfJ3m0lbFqwlBRrxE=";
    public const string Key3 = "UlPhTqCWdmCQr5LXTBI55K/Kv8ZeqnRKI5mleNfCEko=";

    // line numbers are part of the tests: keep this text stable
    public const string Base = """
        mesh:
          name: t
          asn: 65000
        overlay:
          controller: evpnctl
          zone: crossite
          vrf-vni: 99999
          vnet:
            id: crossvnt
            vni: 100000
        sites:
          roz:
            range: 10.1.0.0/16
            exit-nodes: [roz1]
            subnets:
              - cidr: 10.1.1.0/24
                gateway: 10.1.1.1
            nodes:
              roz1:
                role: proxmox
                address: 10.1.0.1
                public-key: 3OW5+/UO3zvf4wMZ22tzzjkPCD7XF3BtmnZ/N6jL+ms=
                endpoint: roz.example.net:51820
          wro:
            range: 10.2.0.0/16
            exit-nodes: [wro1]
            subnets:
              - cidr: 10.2.1.0/24
                gateway: 10.2.1.1
            nodes:
              wro1:
                role: native
                address: 10.2.0.1
                public-key: aPYrjOxBhiEDSzfviaPIKLQiXUWfJ3m0lbFqwlBRrxE=
                endpoint: wro.example.net:51820

        """;

    /// <summary>Applies "find=>replace" edits (each must match exactly once) to the base spec.</summary>
    public static string Edit(params string[] edits)
    {
        var text = Base;
        foreach (var edit in edits)
        {
            var parts = edit.Split("=>");
            var find = parts[0].Replace("\\n", "\n", StringComparison.Ordinal);
            var replace = parts[1].Replace("\\n", "\n", StringComparison.Ordinal);
            var first = text.IndexOf(find, StringComparison.Ordinal);
            Assert.True(first >= 0 && text.IndexOf(find, first + 1, StringComparison.Ordinal) < 0, $"edit '{find}' must match exactly once");
            text = string.Concat(text.AsSpan(0, first), replace, text.AsSpan(first + find.Length));
        }

        return text;
    }

    public static SpecLoadResult Load(string yaml) => SpecLoader.Load(yaml, "t.yaml");

    public static string Example(string name) => File.ReadAllText(Repo.Path("examples", name));

    public static string[] Examples => ["two-sites.yaml", "lab.yaml", "multi-site.yaml"];
}
