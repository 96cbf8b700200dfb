using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Oso.Testing;

/// <summary>
/// Keeps every log line of a host at every level (message, state values and exception), so a test can check what
/// never appears in logs (names, PGNs, tokens) and what does.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public string All => string.Join('\n', _lines);

    /// <summary>A typed logger writing here (for classes constructed by hand in a test).</summary>
    public ILogger<T> For<T>() => new Logger<T>(new Factory(this));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Factory(LogCapture capture) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => capture.CreateLogger(categoryName);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{values}] {exception}");
        }
    }
}
