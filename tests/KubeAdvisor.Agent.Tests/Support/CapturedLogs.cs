using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace KubeAdvisor.Agent.Tests.Support;

/// <summary>A logger provider that keeps every line (level and formatted message), to assert what the agent logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Lines => [.. _lines];

    public IReadOnlyList<string> Warnings(string containing) =>
        [.. _lines.Where(l => l.Level == LogLevel.Warning && l.Message.Contains(containing, StringComparison.Ordinal)).Select(l => l.Message)];

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public ILogger<T> For<T>() => new Logger<T>(new LoggerFactory([this]));

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs._lines.Enqueue((logLevel, formatter(state, exception)));
    }
}
