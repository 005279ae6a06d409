using TestSupport;

namespace Mesh.Cli.Tests;

public sealed class KeyCommandTests
{
    // RFC 7748 section 6.1 (Alice)
    private const string RfcPrivate = "dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo=";
    private const string RfcPublic = "hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo=";

    [Fact]
    public void Pubkey_matches_the_rfc7748_vector()
    {
        var (code, output, _) = CliRunner.RunWithInput(RfcPrivate + "\n", "pubkey");

        Assert.Equal(0, code);
        Assert.Equal(RfcPublic + "\n", output);
    }

    [Fact]
    public void Keygen_prints_a_clamped_private_key()
    {
        var (code, output, _) = CliRunner.Run("keygen");

        Assert.Equal(0, code);
        var key = Convert.FromBase64String(output.Trim());
        Assert.Equal(32, key.Length);
        Assert.Equal(0, key[0] & 7);
        Assert.Equal(0x40, key[31] & 0xc0);
        Assert.NotEqual(output, CliRunner.Run("keygen").Out);
    }

    [Fact]
    public void Keygen_out_writes_a_0600_file_and_prints_its_public_key()
    {
        using var dir = new CliRunner.TempDir();
        var file = dir.File("private.key");

        var (code, output, _) = CliRunner.Run("keygen", "--out", file);

        Assert.Equal(0, code);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(output, CliRunner.Run("pubkey", file).Out);
        Assert.DoesNotContain(File.ReadAllText(file).Trim(), output, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Keygen_out_refuses_to_overwrite()
    {
        using var dir = new CliRunner.TempDir();
        var file = dir.File("private.key");
        File.WriteAllText(file, "keep me\n");

        var (code, _, error) = CliRunner.Run("keygen", "--out", file);

        Assert.Equal(1, code);
        Assert.Contains("already exists", error, StringComparison.Ordinal);
        Assert.Equal("keep me\n", File.ReadAllText(file));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Pubkey_rejects_garbage_without_echoing_it()
    {
        var (code, _, error) = CliRunner.RunWithInput("not-a-key-secret-ish", "pubkey", "-");

        Assert.Equal(1, code);
        Assert.Contains("not a WireGuard private key", error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-ish", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_interoperate_with_wg()
    {
        Privileged.RequireTools("wg");
        var wgPrivate = Sh.Must("wg", "genkey").Trim();
        var wgPublic = Sh.Run("wg", ["pubkey"], stdin: wgPrivate + "\n").EnsureSuccess("wg pubkey").StdOut;

        Assert.Equal(wgPublic, CliRunner.RunWithInput(wgPrivate + "\n", "pubkey").Out);

        var ours = CliRunner.Run("keygen").Out;
        var theirs = Sh.Run("wg", ["pubkey"], stdin: ours).EnsureSuccess("wg pubkey").StdOut;
        Assert.Equal(theirs, CliRunner.RunWithInput(ours, "pubkey").Out);
    }
}
