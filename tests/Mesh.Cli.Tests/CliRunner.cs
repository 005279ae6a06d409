using TestSupport;

namespace Mesh.Cli.Tests;

/// <summary>Runs meshctl in process and captures its streams.</summary>
internal static class CliRunner
{
    public static (int Code, string Out, string Err) RunWithInput(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin);
        var code = Cli.Run(args, output, error, input);
        return (code, output.ToString(), error.ToString());
    }

    public static (int Code, string Out, string Err) Run(params string[] args) => RunWithInput(string.Empty, args);

    public static string Example(string name) => Repo.Path("examples", name);

    /// <summary>A fresh temporary directory, removed on dispose.</summary>
    public sealed class TempDir : IDisposable
    {
        public TempDir() => Directory.CreateDirectory(Path);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "meshctl-test-" + Guid.NewGuid().ToString("N"));

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
