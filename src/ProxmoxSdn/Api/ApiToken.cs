namespace ProxmoxSdn.Api;

/// <summary>
/// A Proxmox API token (<c>USER@REALM!TOKENID=SECRET</c>). The secret never appears in
/// <see cref="ToString"/>, logs or exception messages.
/// </summary>
public sealed class ApiToken
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly string _secret;

    private ApiToken(string tokenId, string secret)
    {
        TokenId = tokenId;
        _secret = secret;
    }

    /// <summary>The public part, <c>USER@REALM!TOKENID</c>.</summary>
    public string TokenId { get; }

    /// <summary>Value of the <c>Authorization</c> header (contains the secret: never log it).</summary>
    internal string AuthorizationValue => $"PVEAPIToken={TokenId}={_secret}";

    /// <summary>Parses <c>USER@REALM!TOKENID=SECRET</c> (an optional <c>PVEAPIToken=</c> prefix is accepted).</summary>
    public static bool TryParse(string? text, out ApiToken? token)
    {
        token = null;
        var value = text?.Trim() ?? string.Empty;
        if (value.StartsWith("PVEAPIToken=", StringComparison.Ordinal))
        {
            value = value["PVEAPIToken=".Length..];
        }

        var eq = value.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == value.Length - 1)
        {
            return false;
        }

        var id = value[..eq];
        var secret = value[(eq + 1)..];
        var at = id.IndexOf('@', StringComparison.Ordinal);
        var bang = id.IndexOf('!', StringComparison.Ordinal);
        if (at <= 0 || bang < at + 2 || bang == id.Length - 1 || secret.Any(char.IsWhiteSpace) || id.Any(char.IsWhiteSpace))
        {
            return false;
        }

        token = new ApiToken(id, secret);
        return true;
    }

    /// <summary>
    /// Reads a token file. Refuses a file that group or others may read or write, so a
    /// leaked secret is never used silently.
    /// </summary>
    public static ApiToken LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new ProxmoxSdnException(SdnErrorKind.Token,
                $"API token file {path} does not exist. Create it with one line USER@REALM!TOKENID=SECRET and chmod 600 {path}.");
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOther) != 0)
        {
            throw new ProxmoxSdnException(SdnErrorKind.Token,
                $"API token file {path} is accessible by group or others (mode {Octal(mode)}); it holds a secret. Run: chmod 600 {path}");
        }

        if (!TryParse(File.ReadAllText(path), out var token))
        {
            throw new ProxmoxSdnException(SdnErrorKind.Token,
                $"API token file {path} must hold one line USER@REALM!TOKENID=SECRET (e.g. meshd@pve!sync=0123...); the content does not have that shape.");
        }

        return token!;
    }

    /// <summary>The token id with the secret redacted.</summary>
    public override string ToString() => $"{TokenId}=***";

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
