using System.CommandLine;

namespace Mesh.Cli;

/// <summary>The streams of the current invocation (so commands run in process in tests).</summary>
internal static class CliIo
{
    private static readonly AsyncLocal<TextReader?> InputSlot = new();

    public static TextReader Input
    {
        get => InputSlot.Value ?? Console.In;
        set => InputSlot.Value = value;
    }

    public static TextWriter Out(ParseResult result) => result.InvocationConfiguration.Output;

    public static TextWriter Error(ParseResult result) => result.InvocationConfiguration.Error;

    /// <summary>Reads a whole input file, or reports why not (exit code 2) on stderr.</summary>
    public static string? ReadFile(ParseResult result, string path)
    {
        try
        {
            return path == "-" ? Input.ReadToEnd() : File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Error(result).WriteLine($"meshctl: cannot read {path}: {e.Message}");
            return null;
        }
    }
}
