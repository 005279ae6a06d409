using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Mesh.Model;

/// <summary>A BGP autonomous system number (1..4294967294).</summary>
public readonly record struct Asn(uint Value)
{
    /// <summary>Accepts 1..4294967294 (0 and 4294967295 are reserved).</summary>
    public static bool TryCreate(long value, out Asn asn)
    {
        asn = value is >= 1 and <= 4294967294 ? new Asn((uint)value) : default;
        return asn.Value != 0;
    }

    /// <inheritdoc/>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A VXLAN network identifier (24 bits, 1..16777215).</summary>
public readonly record struct Vni(int Value)
{
    /// <summary>The largest VNI.</summary>
    public const int Max = 16777215;

    /// <summary>Accepts 1..16777215.</summary>
    public static bool TryCreate(long value, out Vni vni)
    {
        vni = value is >= 1 and <= Max ? new Vni((int)value) : default;
        return vni.Value != 0;
    }

    /// <inheritdoc/>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A Proxmox SDN zone or vnet id: 2-8 characters, <c>[a-zA-Z][a-zA-Z0-9]*[a-zA-Z0-9]</c>.</summary>
public readonly partial record struct SdnId
{
    private readonly string? _value;

    private SdnId(string value) => _value = value;

    /// <summary>The id text.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Parses an id Proxmox accepts for zones and vnets.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out SdnId id)
    {
        id = text is not null && text.Length is >= 2 and <= 8 && Pattern().IsMatch(text) ? new SdnId(text) : default;
        return id._value is not null;
    }

    /// <inheritdoc/>
    public override string ToString() => Value;

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9]*[a-zA-Z0-9]$")]
    private static partial Regex Pattern();
}

/// <summary>A Linux network interface name: 1-15 bytes, no '/', ':' or whitespace, not "." or "..".</summary>
public readonly record struct InterfaceName
{
    private readonly string? _value;

    private InterfaceName(string value) => _value = value;

    /// <summary>The name.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Parses a name the kernel accepts.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out InterfaceName name)
    {
        name = default;
        if (text is null || text.Length is < 1 or > 15 || text is "." or "..")
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c > 0x7e || c <= 0x20 || c is '/' or ':')
            {
                return false;
            }
        }

        name = new InterfaceName(text);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Value;
}
