using System.Globalization;

namespace VoicePay.Lambda;

/// <summary>The reserved environment variables Lambda sets for a custom runtime, read once at start-up.</summary>
public sealed record LambdaEnvironment
{
    /// <summary>host:port of the Runtime API (<c>AWS_LAMBDA_RUNTIME_API</c>).</summary>
    public string? RuntimeApi { get; init; }

    public string FunctionName { get; init; } = string.Empty;

    public string FunctionVersion { get; init; } = "$LATEST";

    public int MemoryLimitInMB { get; init; }

    public string LogGroupName { get; init; } = string.Empty;

    public string LogStreamName { get; init; } = string.Empty;

    /// <summary>
    /// Least level <see cref="ILambdaLogger"/> writes, from <c>AWS_LAMBDA_LOG_LEVEL</c>
    /// (Lambda's TRACE, DEBUG, INFO, WARN, ERROR, FATAL); Information when unset.
    /// </summary>
    public LambdaLogLevel MinimumLogLevel { get; init; } = LambdaLogLevel.Information;

    /// <summary>From <c>AWS_LAMBDA_LOG_FORMAT</c> (<c>Text</c> or <c>JSON</c>, any case); Text when unset or unknown.</summary>
    public LambdaLogFormat LogFormat { get; init; } = LambdaLogFormat.Text;

    public static LambdaEnvironment FromProcess() => FromVariables(Environment.GetEnvironmentVariable);

    public static LambdaEnvironment FromVariables(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return new LambdaEnvironment
        {
            RuntimeApi = NullIfEmpty(variable("AWS_LAMBDA_RUNTIME_API")),
            FunctionName = variable("AWS_LAMBDA_FUNCTION_NAME") ?? string.Empty,
            FunctionVersion = NullIfEmpty(variable("AWS_LAMBDA_FUNCTION_VERSION")) ?? "$LATEST",
            MemoryLimitInMB = int.TryParse(variable("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), NumberStyles.None, CultureInfo.InvariantCulture, out var mb) ? mb : 0,
            LogGroupName = variable("AWS_LAMBDA_LOG_GROUP_NAME") ?? string.Empty,
            LogStreamName = variable("AWS_LAMBDA_LOG_STREAM_NAME") ?? string.Empty,
            MinimumLogLevel = ParseLevel(variable("AWS_LAMBDA_LOG_LEVEL")),
            LogFormat = string.Equals(variable("AWS_LAMBDA_LOG_FORMAT")?.Trim(), "JSON", StringComparison.OrdinalIgnoreCase)
                ? LambdaLogFormat.Json
                : LambdaLogFormat.Text,
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static LambdaLogLevel ParseLevel(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "TRACE" => LambdaLogLevel.Trace,
        "DEBUG" => LambdaLogLevel.Debug,
        "WARN" or "WARNING" => LambdaLogLevel.Warning,
        "ERROR" => LambdaLogLevel.Error,
        "FATAL" or "CRITICAL" => LambdaLogLevel.Critical,
        _ => LambdaLogLevel.Information,
    };
}
