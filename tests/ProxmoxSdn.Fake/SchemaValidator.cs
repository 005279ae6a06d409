using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace ProxmoxSdn.Fake;

/// <summary>Validates request parameters like PVE::JSONSchema, with PVE's own messages.</summary>
internal static class SchemaValidator
{
    public static Dictionary<string, string> Validate(Endpoint endpoint, IReadOnlyDictionary<string, string> parameters)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            if (!endpoint.Parameters.TryGetValue(name, out var def))
            {
                errors[name] = "property is not defined in schema and the schema does not allow additional properties";
            }
            else if (Check(def, value) is { } error)
            {
                errors[name] = error;
            }
        }

        foreach (var (name, def) in endpoint.Parameters)
        {
            if (!def.Optional && !parameters.ContainsKey(name))
            {
                errors[name] = "property is missing and it is not optional";
            }
        }

        return errors;
    }

    /// <summary>Perl patterns from the schema: <c>(?^i:</c> flags and escaped underscores differ in .NET.</summary>
    private static string PerlToDotNet(string pattern) =>
        pattern.Replace("(?^i:", "(?i:", StringComparison.Ordinal).Replace("(?^:", "(?:", StringComparison.Ordinal).Replace(@"\_", "_", StringComparison.Ordinal);

    private static string? Check(ParamDef def, string value)
    {
        switch (def.Type)
        {
            case "boolean":
                if (value.ToLowerInvariant() is not ("0" or "1" or "true" or "false" or "yes" or "no" or "on" or "off"))
                {
                    return $"type check ('boolean') failed - got '{value}'";
                }

                break;
            case "integer" or "number":
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                    || (def.Type == "integer" && !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
                {
                    return $"type check ('{def.Type}') failed - got '{value}'";
                }

                if (def.Minimum is { } min && n < min)
                {
                    return $"value must have a minimum value of {min}";
                }

                if (def.Maximum is { } max && n > max)
                {
                    return $"value must have a maximum value of {max}";
                }

                break;
            case "array":
                return def.Items is null ? null : Check(def.Items, value);
        }

        if (def.Enum is { } values && !values.Contains(value))
        {
            return $"value '{value}' does not have a value in the enumeration '{string.Join(", ", values)}'";
        }

        if (def.MaxLength is { } maxLen && value.Length > maxLen)
        {
            return $"value may only be {maxLen} characters long";
        }

        if (def.MinLength is { } minLen && value.Length < minLen)
        {
            return $"value must be at least {minLen} characters long";
        }

        if (def.Pattern is { } pattern && !Regex.IsMatch(value, "^(?:" + PerlToDotNet(pattern) + ")$"))
        {
            return "value does not match the regex pattern";
        }

        return def.Format is null ? null : PveFormats.Check(def.Format, value);
    }
}

/// <summary>The PVE formats used by the SDN and firewall endpoints.</summary>
internal static partial class PveFormats
{
    public static string? Check(string format, string value) => format switch
    {
        "pve-sdn-zone-id" or "pve-sdn-vnet-id" => SdnId(value, 8, SdnIdRegex()),
        "pve-sdn-controller-id" => SdnId(value, 64, ControllerIdRegex()),
        "pve-sdn-subnet-id" => SubnetId(value) ? null : "value does not look like a valid CIDR network",
        "ip" => IPAddress.TryParse(value, out _) ? null : "value does not look like a valid IP address",
        "ip-list" => value.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries).All(v => IPAddress.TryParse(v, out _))
            ? null
            : "value does not look like a valid IP address list",
        "pve-node" => NodeRegex().IsMatch(value) ? null : "value does not look like a valid node name",
        "pve-node-list" => value.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries).All(NodeRegex().IsMatch)
            ? null
            : "value does not look like a valid node name",
        "pve-configid" => ConfigIdRegex().IsMatch(value) ? null : "invalid configuration ID",
        "pve-configid-list" => value.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries).All(ConfigIdRegex().IsMatch)
            ? null
            : "invalid configuration ID",
        "IPorCIDRorAlias" => IpOrCidrOrAlias(value) ? null : "value does not look like a valid IP address or CIDR network",
        "pve-fw-addr-spec" => FwAddrRegex().IsMatch(value) ? null : $"invalid address spec '{value}'",
        "pve-iface" => IfaceRegex().IsMatch(value) ? null : $"invalid format - invalid network interface name '{value}'",
        _ => null,
    };

    /// <summary>pve-firewall's pve_verify_ip_or_cidr_or_alias: an alias name, or what Net::IP accepts (no host bits).</summary>
    public static bool IpOrCidrOrAlias(string value)
    {
        if (AliasRegex().IsMatch(value))
        {
            return true;
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? IPAddress.TryParse(value, out _)
            : IPNetwork.TryParse(value, out var net) && net.BaseAddress.Equals(IPAddress.Parse(value[..slash]));
    }

    public static bool SubnetId(string value)
    {
        var cidr = value.Contains('/', StringComparison.Ordinal) ? value : string.Join('/', value.Split('-').Skip(1));
        return IPNetwork.TryParse(cidr, out var net) && net.ToString() == cidr;
    }

    private static string? SdnId(string value, int max, Regex regex) =>
        value.Length > max ? $"value may only be {max} characters long"
        : value.Length < 2 ? "value must be at least 2 characters long"
        : regex.IsMatch(value) ? null : "value does not match the regex pattern";

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9]*[a-zA-Z0-9]$")]
    private static partial Regex SdnIdRegex();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_-]*[a-zA-Z0-9]$")]
    private static partial Regex ControllerIdRegex();

    [GeneratedRegex("^(dc/|guest/)?[A-Za-z][A-Za-z0-9_-]+$")]
    private static partial Regex AliasRegex();

        [GeneratedRegex("^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$")]
    private static partial Regex NodeRegex();

    [GeneratedRegex("^[a-z][a-z0-9_-]+$")]
    private static partial Regex ConfigIdRegex();

    /// <summary>PVE::JSONSchema's pve_verify_iface (no '-').</summary>
    [GeneratedRegex(@"^[a-z][a-z0-9_]{1,20}([:.]\d+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex IfaceRegex();

    [GeneratedRegex(@"^!?(\+(guest/|dc/|sdn/)?[A-Za-z][A-Za-z0-9_-]+|[0-9a-fA-F.:/,\-]+|(dc/)?[A-Za-z][A-Za-z0-9_-]+)$")]
    private static partial Regex FwAddrRegex();
}
