using Microsoft.Extensions.Logging;

namespace VoicePay.Lambda;

/// <summary>The runtime's own log lines. Never the payload: only request IDs, error types and messages.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(1, LogLevel.Information, "Lambda runtime started against {RuntimeApi}.")]
    public static partial void Started(ILogger logger, string runtimeApi);

    [LoggerMessage(2, LogLevel.Critical, "Initialization failed: {ErrorType}: {ErrorMessage}")]
    public static partial void InitFailed(ILogger logger, string errorType, string errorMessage, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "Invocation {RequestId} has an invalid event body: {ErrorMessage}")]
    public static partial void InvalidEventBody(ILogger logger, string requestId, string errorMessage);

    [LoggerMessage(4, LogLevel.Error, "Invocation {RequestId} failed: {ErrorType}: {ErrorMessage}")]
    public static partial void HandlerFailed(ILogger logger, string requestId, string errorType, string errorMessage, Exception exception);

    [LoggerMessage(5, LogLevel.Error, "Could not report the outcome of invocation {RequestId} to the Runtime API.")]
    public static partial void ReportFailed(ILogger logger, string requestId, Exception exception);

    [LoggerMessage(6, LogLevel.Warning, "Invocation {RequestId} has no valid deadline header; assuming {Fallback}.")]
    public static partial void NoDeadline(ILogger logger, string requestId, TimeSpan fallback);

    [LoggerMessage(7, LogLevel.Information, "Lambda runtime stopped.")]
    public static partial void Stopped(ILogger logger);
}
