using Microsoft.Extensions.Logging;

namespace VoicePay.Alexa.Tests.Security;

internal sealed class RecordingLogger<T> : ILogger<T>
{
    public List<string> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Entries)
        {
            Entries.Add($"{logLevel} {eventId.Id} {formatter(state, exception)} {exception}");
        }
    }
}
