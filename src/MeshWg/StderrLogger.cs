using Microsoft.Extensions.Logging;

namespace MeshWg;

/// <summary>
/// Logs to stderr in wireguard-go's shape (`DEBUG: (wg0) 2006/01/02 15:04:05 message`). LOG_LEVEL=verbose shows
/// debug lines, error (the default) only errors, silent nothing.
/// </summary>
internal sealed class StderrLogger(string interfaceName, LogLevel minimum) : ILogger
{
    private static readonly Lock Sync = new();

    public static LogLevel LevelFromEnvironment() => Environment.GetEnvironmentVariable("LOG_LEVEL") switch
    {
        "verbose" or "debug" => LogLevel.Debug,
        "silent" => LogLevel.None,
        _ => LogLevel.Error,
    };

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var tag = logLevel >= LogLevel.Error ? "ERROR" : logLevel >= LogLevel.Information ? "INFO" : "DEBUG";
        var line = $"{tag}: ({interfaceName}) {DateTime.Now:yyyy/MM/dd HH:mm:ss} {formatter(state, exception)}";
        if (exception is not null && logLevel >= LogLevel.Error)
        {
            line += ": " + exception.Message;
        }

        lock (Sync)
        {
            try
            {
                Console.Error.WriteLine(line);
            }
            catch (IOException)
            {
                // stderr went away (daemonized without a log): nothing to do
            }
        }
    }
}
