using Microsoft.Extensions.Logging;

namespace VoicePay.Lambda;

/// <summary>
/// Microsoft.Extensions.Logging into the function's log stream through <see cref="LambdaLogWriter"/>: the same
/// format and level as the runtime's own lines, the invocation's request ID on every line written during it, and
/// the entry's structured values (message template arguments and scopes) as JSON fields.
/// </summary>
public sealed class LambdaLoggerProvider(LambdaLogWriter writer) : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider? _scopes;

    public ILogger CreateLogger(string categoryName) => new LambdaLogger(writer, categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class LambdaLogger(LambdaLogWriter writer, string category, LambdaLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && writer.IsEnabled((LambdaLogLevel)(int)logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (!IsEnabled(logLevel))
            {
                return;
            }

            List<KeyValuePair<string, object?>>? fields = null;
            if (writer.Format == LambdaLogFormat.Json)
            {
                fields = [];
                provider._scopes?.ForEachScope(static (scope, list) => AddFields(scope, list), fields);
                AddFields(state, fields);
            }

            writer.Write((LambdaLogLevel)(int)logLevel, formatter(state, exception), category, fields, exception);
        }

        private static void AddFields(object? values, List<KeyValuePair<string, object?>> fields)
        {
            if (values is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                fields.AddRange(pairs);
            }
        }
    }
}

/// <summary>Registers <see cref="LambdaLoggerProvider"/>.</summary>
public static class LambdaLoggingBuilderExtensions
{
    /// <summary>
    /// Sends application logs through <paramref name="writer"/> (the one the bootstrap writes with) and makes its level
    /// (<c>AWS_LAMBDA_LOG_LEVEL</c>) the minimum. Other providers (the console) are better left out: their lines would
    /// not follow <c>AWS_LAMBDA_LOG_FORMAT</c>.
    /// </summary>
    public static ILoggingBuilder AddLambdaLogger(this ILoggingBuilder builder, LambdaLogWriter writer)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(writer);
        builder.AddProvider(new LambdaLoggerProvider(writer));
        builder.SetMinimumLevel((LogLevel)(int)writer.MinimumLevel);
        return builder;
    }
}
