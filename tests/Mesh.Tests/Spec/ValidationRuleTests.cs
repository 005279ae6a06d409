using Mesh.Diagnostics;

namespace Mesh.Tests.Spec;

/// <summary>One row per validation rule: a broken spec → the expected path, message and line.</summary>
public sealed class ValidationRuleTests
{
    public static TheoryData<string, string[], string, string, int> Errors => new()
    {
        { "yaml syntax", ["  name: t=>  name: \"t"], "", "YAML syntax error", 2 },
        { "yaml scanner failure", ["  asn: 65000=>  asn: [65000"], "", "YAML syntax error", 3 },
        { "unknown key with suggestion", ["    exit-nodes: [roz1]=>    exit-node: [roz1]"], "sites.roz.exit-node", "did you mean 'exit-nodes'?", 14 },
        { "snake_case key", ["  asn: 65000=>  asn: 65000\n  wireguard:\n    listen_port: 51820"], "mesh.wireguard.listen_port", "did you mean 'listen-port'?", 5 },
        { "misspelled required key is reported once", ["  controller: evpnctl=>  controler: evpnctl"], "overlay.controler", "did you mean 'controller'?", 5 },
        { "unknown top-level key", ["mesh:\n=>mesh:\n  nmae: x\n"], "mesh.nmae", "did you mean 'name'?", 2 },
        { "duplicate key", ["    vni: 100000=>    vni: 100000\n    vni: 100001"], "", "appears twice", 11 },
        { "missing required field", ["        address: 10.1.0.1\n=>"], "sites.roz.nodes.roz1.address", "missing required field 'address'", 20 },
        { "missing section", ["overlay:\n  controller: evpnctl\n  zone: crossite\n  vrf-vni: 99999\n  vnet:\n    id: crossvnt\n    vni: 100000\n=>"], "overlay", "missing required field 'overlay'", 1 },
        { "wrong shape", ["  asn: 65000=>  asn: [65000]"], "mesh.asn", "expected a single value", 3 },
        { "asn out of range", ["  asn: 65000=>  asn: 0"], "mesh.asn", "not an AS number", 3 },
        { "malformed cidr", ["    range: 10.1.0.0/16=>    range: 10.1.0.0/33"], "sites.roz.range", "prefix /33", 13 },
        { "cidr with host bits", ["    range: 10.1.0.0/16=>    range: 10.1.0.1/16"], "sites.roz.range", "did you mean 10.1.0.0/16?", 13 },
        { "malformed ip", ["        address: 10.1.0.1=>        address: 10.1.0.300"], "sites.roz.nodes.roz1.address", "not an IPv4 address", 21 },
        { "malformed key", [$"{TestSpec.Key1}=>abc"], "sites.roz.nodes.roz1.public-key", "not a WireGuard public key", 22 },
        { "all-zero key", [$"{TestSpec.Key1}=>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="], "sites.roz.nodes.roz1.public-key", "all-zero key", 22 },
        { "endpoint without port", ["roz.example.net:51820=>roz.example.net"], "sites.roz.nodes.roz1.endpoint", "has no port", 23 },
        { "endpoint bad port", ["roz.example.net:51820=>roz.example.net:70000"], "sites.roz.nodes.roz1.endpoint", "not a number in 1..65535", 23 },
        { "endpoint bad host", ["roz.example.net:51820=>roz_example!:51820"], "sites.roz.nodes.roz1.endpoint", "neither an IP address nor a valid DNS name", 23 },
        { "endpoint bad ipv4", ["roz.example.net:51820=>192.0.2.999:51820"], "sites.roz.nodes.roz1.endpoint", "neither an IP address nor a valid DNS name", 23 },
        { "overlapping site ranges", ["    range: 10.2.0.0/16=>    range: 10.0.0.0/8"], "sites.wro.range", "overlaps the range 10.1.0.0/16 of site roz", 25 },
        { "overlapping subnets", ["      - cidr: 10.1.1.0/24=>      - cidr: 10.50.0.0/16", "      - cidr: 10.2.1.0/24=>      - cidr: 10.50.1.0/24", "        gateway: 10.1.1.1=>        gateway: 10.50.0.1", "        gateway: 10.2.1.1=>        gateway: 10.50.1.1"], "sites.wro.subnets[0].cidr", "overlaps subnet 10.50.0.0/16 of site roz", 28 },
        { "subnet inside another site's range", ["      - cidr: 10.2.1.0/24=>      - cidr: 10.1.9.0/24", "        gateway: 10.2.1.1=>        gateway: 10.1.9.1"], "sites.wro.subnets[0].cidr", "overlaps the underlay range 10.1.0.0/16 of site roz", 28 },
        { "address outside site range", ["        address: 10.1.0.1=>        address: 10.9.0.1"], "sites.roz.nodes.roz1.address", "outside the site range 10.1.0.0/16", 21 },
        { "address inside a vm subnet", ["        address: 10.1.0.1=>        address: 10.1.1.5"], "sites.roz.nodes.roz1.address", "inside the overlay subnet", 21 },
        { "duplicate address", ["roz.example.net:51820\n=>roz.example.net:51820\n      roz2:\n        address: 10.1.0.1\n        public-key: " + TestSpec.Key3 + "\n"], "sites.roz.nodes.roz2.address", "already the address of node roz1", 25 },
        { "duplicate node name", ["      wro1:=>      roz1:", "    exit-nodes: [wro1]=>    exit-nodes: [roz1]\n"], "sites.wro.nodes.roz1", "already used in site roz", 32 },
        { "duplicate public key", [$"{TestSpec.Key2}=>{TestSpec.Key1}"], "sites.wro.nodes.wro1.public-key", "already used by node roz1", 34 },
        { "gateway outside subnet", ["        gateway: 10.1.1.1=>        gateway: 10.1.2.1"], "sites.roz.subnets[0].gateway", "outside its subnet 10.1.1.0/24", 17 },
        { "gateway is network address", ["        gateway: 10.1.1.1=>        gateway: 10.1.1.0"], "sites.roz.subnets[0].gateway", "network or broadcast", 17 },
        { "bad zone id", ["  zone: crossite=>  zone: cross-site"], "overlay.zone", "not a valid Proxmox zone id", 6 },
        { "zone id too long", ["  zone: crossite=>  zone: crossite9"], "overlay.zone", "2-8 characters", 6 },
        { "bad vnet id", ["    id: crossvnt=>    id: x"], "overlay.vnet.id", "not a valid Proxmox vnet id", 9 },
        { "vni out of range", ["    vni: 100000=>    vni: 16777216"], "overlay.vnet.vni", "outside the VNI range", 10 },
        { "vrf vni equals vnet vni", ["  vrf-vni: 99999=>  vrf-vni: 100000"], "overlay.vnet.vni", "equals the zone's vrf-vni", 10 },
        { "exit node of another site", ["    exit-nodes: [roz1]=>    exit-nodes: [wro1]"], "sites.roz.exit-nodes", "'wro1' is not a node of site roz", 14 },
        { "exit nodes local routing", ["    vni: 100000=>    vni: 100000\n  exit-nodes-local-routing: true"], "overlay.exit-nodes-local-routing", "rewrote the source ports", 11 },
        { "private key by name", [$"{TestSpec.Key1}\n=>{TestSpec.Key1}\n        private-key: {TestSpec.Key3}\n"], "sites.roz.nodes.roz1.private-key", "meshctl keygen --out", 23 },
        { "private key by value", ["    vni: 100000=>    vni: 100000\n    alias: \"PrivateKey = " + TestSpec.Key3 + "\""], "overlay.vnet.alias", "'PrivateKey =' line", 11 },
        { "inline api token", ["    range: 10.1.0.0/16=>    range: 10.1.0.0/16\n    proxmox:\n      url: https://pve.example.net:8006\n      token: root@pam!x=secret"], "sites.roz.proxmox.token", "token-file", 16 },
        { "unknown enum with suggestion", ["        role: proxmox=>        role: proxmx"], "sites.roz.nodes.roz1.role", "did you mean 'proxmox'?", 20 },
        { "not a boolean", ["        gateway: 10.1.1.1=>        gateway: 10.1.1.1\n        snat: yes"], "sites.roz.subnets[0].snat", "not a boolean", 18 },
        { "family contradicts endpoint", ["roz.example.net:51820=>192.0.2.1:51820\n        underlay-family: ipv6"], "sites.roz.nodes.roz1.underlay-family", "literal ipv4", 24 },
        { "gateways mode without gateways", ["sites:\n=>topology:\n  mode: gateways\nsites:\n"], "sites.roz", "needs gateways for every site", 14 },
        { "route reflector not a reflector", ["sites:\n=>topology:\n  mode: route-reflectors\n  route-reflectors: [wro1]\nsites:\n"], "topology.route-reflectors", "set its role to route-reflector", 13 },
        { "bad proxmox url", ["    range: 10.1.0.0/16=>    range: 10.1.0.0/16\n    proxmox:\n      url: http://pve:8006\n      token-file: /etc/meshd/t"], "sites.roz.proxmox.url", "not an https URL", 15 },
    };

    public static TheoryData<string, string[], string, string, int> Warnings => new()
    {
        { "snat off", ["        gateway: 10.1.1.1=>        gateway: 10.1.1.1\n        snat: false"], "sites.roz.subnets[0].snat", "snat is off", 18 },
        { "mtu above computed", ["    vni: 100000=>    vni: 100000\n  mtu: 1450"], "overlay.mtu", "larger than the computed overlay MTU 1390", 11 },
        { "gateways outside gateways mode", ["    exit-nodes: [roz1]\n=>    exit-nodes: [roz1]\n    gateways: [roz1]\n"], "sites.roz.gateways", "only used with topology mode gateways", 15 },
        { "gateway without endpoint", ["sites:\n=>topology:\n  mode: gateways\nsites:\n", "    exit-nodes: [roz1]\n=>    exit-nodes: [roz1]\n    gateways: [roz1]\n", "    exit-nodes: [wro1]\n=>    exit-nodes: [wro1]\n    gateways: [wro1]\n", "        endpoint: roz.example.net:51820\n=>"], "sites.roz.gateways", "no gateway of site roz has an endpoint", 17 },
        { "no exit node for snat", ["    exit-nodes: [roz1]\n=>"], "sites.roz.subnets[0].snat", "lists no exit-nodes", 15 },
        { "interface pve cannot name", ["  asn: 65000\n=>  asn: 65000\n  wireguard:\n    interface: wg-mesh\n"], "mesh.wireguard.interface", "use e.g. wg_mesh: Proxmox firewall rules cannot name interfaces with '-'", 5 },
    };

    [Fact]
    public void A_dashed_interface_is_no_warning_without_proxmox_nodes()
    {
        var result = TestSpec.Load(TestSpec.Edit("  asn: 65000\n=>  asn: 65000\n  wireguard:\n    interface: wg-mesh\n", "        role: proxmox=>        role: native"));

        Assert.DoesNotContain(result.Diagnostics, d => d.Path == "mesh.wireguard.interface");
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void Each_rule_reports_its_path_message_and_line(string rule, string[] edits, string path, string message, int line)
    {
        var result = TestSpec.Load(TestSpec.Edit(edits));

        Assert.True(result.HasErrors, rule);
        var match = result.Diagnostics.FirstOrDefault(d => d.IsError && d.Path == path && d.Message.Contains(message, StringComparison.Ordinal));
        Assert.True(match is not null, $"{rule}: no error at '{path}' containing '{message}'; got:\n{string.Join("\n", result.Diagnostics)}");
        Assert.Equal(line, match.Line);
        Assert.Equal("t.yaml", match.File);
    }

    [Theory]
    [MemberData(nameof(Warnings))]
    public void Risky_choices_are_warnings_not_errors(string rule, string[] edits, string path, string message, int line)
    {
        var result = TestSpec.Load(TestSpec.Edit(edits));

        Assert.False(result.HasErrors, $"{rule}: {string.Join("\n", result.Diagnostics)}");
        var match = result.Diagnostics.FirstOrDefault(d => d.Severity == Severity.Warning && d.Path == path && d.Message.Contains(message, StringComparison.Ordinal));
        Assert.True(match is not null, $"{rule}: no warning at '{path}' containing '{message}'; got:\n{string.Join("\n", result.Diagnostics)}");
        Assert.Equal(line, match.Line);
    }

    [Fact]
    public void A_misspelled_required_key_is_not_also_reported_missing()
    {
        var result = TestSpec.Load(TestSpec.Edit("  controller: evpnctl=>  controler: evpnctl"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("overlay.controler", diagnostic.Path);
    }

    [Fact]
    public void The_base_spec_is_valid_without_warnings()
    {
        var result = TestSpec.Load(TestSpec.Base);

        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Spec);
    }

    [Fact]
    public void Diagnostic_prints_as_file_line_col_path_message()
    {
        var d = new Diagnostic(Severity.Error, "m.yaml", 14, 9, "sites.wro.nodes.wro1.endpoint", "has no port");

        Assert.Equal("m.yaml:14:9: sites.wro.nodes.wro1.endpoint: has no port", d.ToString());
        Assert.Equal("m.yaml:1:2: x: warning: w", (d with { Severity = Severity.Warning, Line = 1, Column = 2, Path = "x", Message = "w" }).ToString());
    }
}
