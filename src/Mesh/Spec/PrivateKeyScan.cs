using System.Text.RegularExpressions;

namespace Mesh.Spec;

/// <summary>Finds secrets that must never be in the spec: private keys (by key name or by value) and inline API tokens.</summary>
internal static partial class PrivateKeyScan
{
    public const string PrivateKeyAdvice =
        "private keys never go in the spec; remove it, create the key on the node with 'meshctl keygen --out /etc/meshd/private.key' and put only the printed public key here as public-key";

    public const string TokenAdvice =
        "secrets never go in the spec; put the API token in a file only root can read (mode 0600) and reference it with token-file";

    public static bool IsPrivateKeyName(string key) => Normalize(key) is "privatekey" or "privkey" or "token" or "apitoken" or "secret" or "password";

    public static void Scan(BindContext ctx, YNode node, string path)
    {
        switch (node)
        {
            case YMapping map:
                foreach (var (key, value) in map.Entries)
                {
                    var child = BindContext.Join(path, key.Value);
                    if (IsPrivateKeyName(key.Value))
                    {
                        ctx.Source.MarkInvalid(child);
                        ctx.Error(key, child, Normalize(key.Value) is "privatekey" or "privkey" ? PrivateKeyAdvice : TokenAdvice);
                    }
                    else
                    {
                        Scan(ctx, value, child);
                    }
                }

                break;
            case YSequence seq:
                for (var i = 0; i < seq.Items.Count; i++)
                {
                    Scan(ctx, seq.Items[i], $"{path}[{i}]");
                }

                break;
            case YScalar scalar when PrivateKeyLine().IsMatch(scalar.Value):
                ctx.Source.MarkInvalid(path);
                ctx.Error(scalar, path, "looks like a WireGuard 'PrivateKey =' line; " + PrivateKeyAdvice);
                break;
        }
    }

    private static string Normalize(string key) => key.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);

    [GeneratedRegex(@"PrivateKey\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex PrivateKeyLine();
}
