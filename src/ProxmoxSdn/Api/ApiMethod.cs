namespace ProxmoxSdn.Api;

/// <summary>HTTP methods the Proxmox API uses.</summary>
public enum ApiMethod
{
    /// <summary>Read.</summary>
    Get,

    /// <summary>Create (pvesh create).</summary>
    Post,

    /// <summary>Update (pvesh set).</summary>
    Put,

    /// <summary>Delete.</summary>
    Delete,
}

/// <summary>Builds API paths with escaped segments.</summary>
public static class ApiPath
{
    /// <summary>Joins a fixed prefix and escaped id segments: <c>Of("/cluster/sdn/zones", "z1")</c>.</summary>
    public static string Of(string prefix, params string[] segments) =>
        segments.Aggregate(prefix.TrimEnd('/'), (acc, s) => acc + "/" + Uri.EscapeDataString(s));

    /// <summary>Upper-case verb.</summary>
    public static string Verb(this ApiMethod method) => method.ToString().ToUpperInvariant();
}
