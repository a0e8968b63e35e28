using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CIA.Engine.DependencyInjection.Tests;

/// <summary>One captured log entry: its formatted message, every structured value and the exception's text.</summary>
internal sealed record CapturedLog(LogLevel Level, EventId Event, string Message, IReadOnlyList<string> Values, string? Exception)
{
    public string AllText => string.Join("\n", [Message, .. Values, Exception ?? string.Empty]);
}

/// <summary>Every log entry at every level, whatever the category.</summary>
internal sealed class LogSink
{
    public ConcurrentQueue<CapturedLog> Entries { get; } = new();
}

/// <summary>An <see cref="ILogger{T}"/> that records everything (Trace included) into the shared <see cref="LogSink"/>.</summary>
internal sealed class CapturingLogger<T>(LogSink sink) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = new List<string>();
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            values.AddRange(pairs.Select(p => $"{p.Key}={p.Value}"));
        }

        sink.Entries.Enqueue(new CapturedLog(logLevel, eventId, formatter(state, exception), values, exception?.ToString()));
    }
}
