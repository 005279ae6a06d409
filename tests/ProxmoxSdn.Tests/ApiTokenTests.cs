using ProxmoxSdn.Api;

namespace ProxmoxSdn.Tests;

public sealed class ApiTokenTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pvesdn-token-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Token_file_readable_by_others_is_refused_with_chmod_advice()
    {
        var path = Write("meshd@pve!sync=s3cr3t", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var ex = Assert.Throws<ProxmoxSdnException>(() => ApiToken.LoadFile(path));

        Assert.Equal(SdnErrorKind.Token, ex.Kind);
        Assert.Contains($"chmod 600 {path}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0644", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Private_token_file_is_loaded_and_the_secret_never_printed()
    {
        var path = Write("meshd@pve!sync=s3cr3t\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var token = ApiToken.LoadFile(path);

        Assert.Equal("meshd@pve!sync", token.TokenId);
        Assert.Equal("PVEAPIToken=meshd@pve!sync=s3cr3t", token.AuthorizationValue);
        Assert.Equal("meshd@pve!sync=***", token.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("meshd@pve=secret")]
    [InlineData("meshd!sync=secret")]
    [InlineData("meshd@pve!sync=")]
    [InlineData("meshd@pve!sync")]
    [InlineData("meshd@pve!sync=a b")]
    public void Malformed_tokens_are_rejected(string text) => Assert.False(ApiToken.TryParse(text, out _));

    [Fact]
    public void Malformed_file_message_shows_the_expected_shape_not_the_content()
    {
        var path = Write("hunter2", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var ex = Assert.Throws<ProxmoxSdnException>(() => ApiToken.LoadFile(path));

        Assert.Contains("USER@REALM!TOKENID=SECRET", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89", true)]
    [InlineData("abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789", true)]
    [InlineData("AB:CD", false)]
    [InlineData("ZZ:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89", false)]
    public void Fingerprints_parse_as_pve_shows_them(string text, bool ok)
    {
        Assert.Equal(ok, CertificateFingerprint.TryParse(text, out var fp));
        if (ok)
        {
            Assert.Equal("AB:CD:EF:01", fp.ToString()[..11]);
        }
    }

    private string Write(string content, UnixFileMode mode)
    {
        var path = Path.Combine(_dir, "token");
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
