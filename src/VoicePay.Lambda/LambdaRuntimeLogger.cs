using Microsoft.Extensions.Logging;

namespace VoicePay.Lambda;

/// <summary>The runtime's own lines (category <c>VoicePay.Lambda</c>) when no other <see cref="ILogger"/> is given.</summary>
internal sealed class LambdaRuntimeLogger(LambdaLogWriter writer) : ILogger
{
    private const string Category = "VoicePay.Lambda";

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && writer.IsEnabled((LambdaLogLevel)(int)logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            writer.Write((LambdaLogLevel)(int)logLevel, formatter(state, exception), Category, state as IEnumerable<KeyValuePair<string, object?>>, exception);
        }
    }
}
