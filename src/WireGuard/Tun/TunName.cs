using System.Text;

namespace WireGuard.Tun;

/// <summary>Linux interface-name rules (IFNAMSIZ 16 including the terminating zero).</summary>
public static class TunName
{
    /// <summary>True for 1-15 bytes without '/', ':', whitespace or NUL, and not "." or "..".</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && Encoding.UTF8.GetByteCount(name) <= 15 && name is not "." and not ".." &&
        !name.Any(c => c is '/' or ':' or '\0' || char.IsWhiteSpace(c));
}
