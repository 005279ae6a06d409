using Microsoft.Extensions.Logging;

namespace Netlink.Tests;

/// <summary>Collects log lines (event id + message) for assertions.</summary>
internal sealed class ListLogger : ILogger
{
    public List<(int Id, string Message)> Lines { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Add((eventId.Id, formatter(state, exception)));
}
