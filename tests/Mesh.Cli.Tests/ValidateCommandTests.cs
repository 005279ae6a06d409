using System.Text.Json;

namespace Mesh.Cli.Tests;

public sealed class ValidateCommandTests
{
    [Theory]
    [InlineData("two-sites.yaml")]
    [InlineData("lab.yaml")]
    [InlineData("multi-site.yaml")]
    public void Valid_example_exits_0(string example)
    {
        var (code, output, _) = CliRunner.Run("validate", CliRunner.Example(example));

        Assert.Equal(0, code);
        Assert.Contains(": valid (", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_spec_exits_1_and_prints_every_error_with_its_place()
    {
        using var dir = new CliRunner.TempDir();
        var file = dir.File("bad.yaml");
        File.WriteAllText(file, File.ReadAllText(CliRunner.Example("two-sites.yaml"))
            .Replace("zone: crossite", "zone: cross-site", StringComparison.Ordinal)
            .Replace("wro.example.net:51820", "wro.example.net", StringComparison.Ordinal));

        var (code, output, _) = CliRunner.Run("validate", file);

        Assert.Equal(1, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith($"{file}:14:9: overlay.zone: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{file}:", StringComparison.Ordinal) && l.Contains(": sites.wro.nodes.wro1.endpoint: ", StringComparison.Ordinal));
        Assert.EndsWith("invalid (2 errors, 0 warnings)", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Json_report_lists_diagnostics_with_positions()
    {
        using var dir = new CliRunner.TempDir();
        var file = dir.File("bad.yaml");
        File.WriteAllText(file, "mesh:\n  name: x\n  asn: 65000\n  colour: red\n");

        var (code, output, _) = CliRunner.Run("validate", file, "--json");

        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(output);
        Assert.False(doc.RootElement.GetProperty("valid").GetBoolean());
        var diagnostics = doc.RootElement.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.Equal(doc.RootElement.GetProperty("errors").GetInt32(), diagnostics.Count(d => d.GetProperty("severity").GetString() == "error"));
        var unknown = diagnostics.Single(d => d.GetProperty("path").GetString() == "mesh.colour");
        Assert.Equal(4, unknown.GetProperty("line").GetInt32());
        Assert.Equal(3, unknown.GetProperty("column").GetInt32());
    }

    [Fact]
    public void Unreadable_file_exits_2()
    {
        var (code, _, error) = CliRunner.Run("validate", "/nonexistent/mesh.yaml");

        Assert.Equal(2, code);
        Assert.Contains("cannot read /nonexistent/mesh.yaml", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_errors_exit_2()
    {
        Assert.Equal(2, CliRunner.Run("validate").Code);
        Assert.Equal(2, CliRunner.Run("no-such-command").Code);
        Assert.Equal(2, CliRunner.Run("plan", CliRunner.Example("two-sites.yaml")).Code);
    }

    [Fact]
    public void Version_exits_0()
    {
        var (code, output, _) = CliRunner.Run("--version");

        Assert.Equal(0, code);
        Assert.StartsWith("0.", output, StringComparison.Ordinal);
    }
}
