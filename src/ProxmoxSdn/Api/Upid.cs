namespace ProxmoxSdn.Api;

/// <summary>A Proxmox task id, <c>UPID:node:pid:pstart:starttime:type:id:user:</c>.</summary>
public sealed record Upid(string Value, string Node)
{
    /// <summary>Parses a UPID; the node is the second field.</summary>
    public static bool TryParse(string? text, out Upid? upid)
    {
        upid = null;
        var parts = (text ?? string.Empty).Split(':');
        if (parts.Length < 8 || parts[0] != "UPID" || parts[1].Length == 0)
        {
            return false;
        }

        upid = new Upid(text!, parts[1]);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Value;
}
