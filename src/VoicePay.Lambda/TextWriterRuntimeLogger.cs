using System.Globalization;
using Microsoft.Extensions.Logging;

namespace VoicePay.Lambda;

/// <summary>
/// The runtime's own log lines when no <see cref="ILogger"/> is given: same text format as the function's lines,
/// so a missing logger configuration never hides a failed invocation.
/// </summary>
internal sealed class TextWriterRuntimeLogger(TextWriter output, LambdaLogLevel minimumLevel, TimeProvider timeProvider) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && (int)logLevel >= (int)minimumLevel;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        // The exception's type only: its message is already in the formatted line where it is safe to show.
        var suffix = exception is null ? string.Empty : $" ({exception.GetType().Name})";
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{timeProvider.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ}\t-\t{TextWriterLambdaLogger.Name((LambdaLogLevel)(int)logLevel)}\t[VoicePay.Lambda] {formatter(state, exception)}{suffix}"));
    }
}
