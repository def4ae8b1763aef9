namespace VoicePay.Lambda;

/// <summary>
/// Writes to the function's log stream (stdout, which Lambda sends to CloudWatch Logs).
/// Same shape as Amazon.Lambda.Core's logger; message templates are left to Microsoft.Extensions.Logging.
/// </summary>
public interface ILambdaLogger
{
    /// <summary>Writes the message as it is, with no newline, timestamp or level.</summary>
    void Log(string message);

    /// <summary>Writes the message followed by a newline, with no timestamp or level.</summary>
    void LogLine(string message);

    /// <summary>Writes one line with a timestamp, the request ID and the level, when the level is enabled.</summary>
    void Log(LambdaLogLevel level, string message);

    void LogTrace(string message) => Log(LambdaLogLevel.Trace, message);

    void LogDebug(string message) => Log(LambdaLogLevel.Debug, message);

    void LogInformation(string message) => Log(LambdaLogLevel.Information, message);

    void LogWarning(string message) => Log(LambdaLogLevel.Warning, message);

    void LogError(string message) => Log(LambdaLogLevel.Error, message);

    void LogCritical(string message) => Log(LambdaLogLevel.Critical, message);
}
