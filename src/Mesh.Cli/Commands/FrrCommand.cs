using System.CommandLine;
using System.Net;
using Frr;
using Mesh.Cli.Rendering;
using Mesh.Model;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>meshctl frr render</c>: the frr.conf a node gets, either as Proxmox would render it from an SDN running
/// config (<c>--pve-running-config</c>: a Debian router joining an existing PVE EVPN zone) or as meshd applies it
/// for a native node or route reflector of a mesh spec (<c>--spec</c>).
/// </summary>
public static class FrrCommand
{
    /// <summary>FRR on Debian bookworm; the `frr version` header selects FRR's defaults.</summary>
    public const string DefaultFrrVersion = "8.4.4";

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var running = new Option<string?>("--pve-running-config") { Description = "a Proxmox SDN running config (/etc/pve/sdn/.running-config)" };
        var spec = new Option<string?>("--spec") { Description = "a mesh spec (YAML): render what meshd applies on a native node or route reflector" };
        var node = new Option<string>("--node") { Description = "the node name (hostname line, exit-node matching)", Required = true };
        var localIp = new Option<string?>("--local-ip") { Description = "with --pve-running-config: this node's VTEP address (one of the controller's peers)" };
        var routerId = new Option<string?>("--router-id") { Description = "with --pve-running-config and an IPv6 --local-ip: the IPv4 router id" };
        var version = new Option<string>("--frr-version")
        {
            Description = $"the installed FRR version for the `frr version` line (default {DefaultFrrVersion})",
            DefaultValueFactory = _ => DefaultFrrVersion,
        };
        var render = new Command("render", "print the frr.conf for one node") { running, spec, node, localIp, routerId, version };
        render.SetAction(r => Run(r, r.GetValue(running), r.GetValue(spec), r.GetValue(node)!, r.GetValue(localIp), r.GetValue(routerId), r.GetValue(version)!));
        return new Command("frr", "FRR configuration of a node") { render };
    }

    private static int Run(ParseResult result, string? running, string? spec, string node, string? localIp, string? routerId, string version)
    {
        var error = CliIo.Error(result);
        if ((running is null) == (spec is null))
        {
            error.WriteLine("meshctl: frr render needs exactly one of --pve-running-config FILE or --spec FILE");
            return Cli.Usage;
        }

        try
        {
            return running is not null
                ? FromRunningConfig(result, running, node, localIp, routerId, version)
                : FromSpec(result, spec!, node, version);
        }
        catch (FrrException e)
        {
            error.WriteLine($"meshctl: {e.Message}");
            return Cli.Failed;
        }
    }

    private static int FromRunningConfig(ParseResult result, string path, string node, string? localIp, string? routerId, string version)
    {
        var error = CliIo.Error(result);
        if (localIp is null || !IPAddress.TryParse(localIp, out var local))
        {
            error.WriteLine($"meshctl: --local-ip {(localIp is null ? "is required" : $"'{localIp}' is not an IP address")} with --pve-running-config (this node's VTEP address, e.g. its vmbr0 address)");
            return Cli.Usage;
        }

        IPAddress? rid = null;
        if (routerId is not null && !IPAddress.TryParse(routerId, out rid))
        {
            error.WriteLine($"meshctl: --router-id '{routerId}' is not an IPv4 address");
            return Cli.Usage;
        }

        var json = CliIo.ReadFile(result, path);
        if (json is null)
        {
            return Cli.Usage;
        }

        CliIo.Out(result).Write(PveEvpn.RenderFromRunningConfig(json, node, local, version, rid));
        return Cli.Ok;
    }

    private static int FromSpec(ParseResult result, string path, string node, string version)
    {
        var spec = SpecFile.Load(result, path, out var code);
        if (spec is null)
        {
            return code;
        }

        var plan = SpecFile.Plan(result, spec, node);
        if (plan is null)
        {
            return Cli.Usage;
        }

        var error = CliIo.Error(result);
        if (plan.Role == NodeRole.Proxmox)
        {
            error.WriteLine($"meshctl: {node} is a proxmox node: Proxmox SDN renders its frr.conf (see meshctl sdn plan {path} --site {plan.Site})");
            return Cli.Failed;
        }

        var config = Mesh.Bindings.FrrBinding.ToEvpnNode(plan, version);
        var errors = EvpnConfigBuilder.Validate(config);
        if (errors.Count > 0)
        {
            foreach (var e in errors)
            {
                error.WriteLine($"meshctl: {e}");
            }

            return Cli.Failed;
        }

        CliIo.Out(result).Write(EvpnConfigBuilder.Render(config));
        return Cli.Ok;
    }
}
