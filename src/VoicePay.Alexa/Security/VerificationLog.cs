using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace VoicePay.Alexa.Security;

/// <summary>
/// Log messages for request verification. None of them carries the body or the signature:
/// the body holds access tokens and the signature is useless to a reader.
/// </summary>
internal static partial class VerificationLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "Rejected an Alexa request: {Failure}")]
    public static partial void Rejected(ILogger logger, VerificationFailure failure);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Could not download the Alexa certificate chain from {Url}")]
    public static partial void FetchFailed(ILogger logger, Uri url, Exception exception);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "The Alexa certificate chain from {Url} is not trusted: {ChainStatus}")]
    public static partial void ChainUntrusted(ILogger logger, Uri url, X509ChainStatusFlags chainStatus);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Cached the Alexa certificate chain from {Url} until {ValidUntil:O}")]
    public static partial void ChainCached(ILogger logger, Uri url, DateTimeOffset validUntil);

    // The exception's type only in the message; the exception itself for the stack. Never the body.
    [LoggerMessage(EventId = 3104, Level = LogLevel.Error, Message = "Alexa request verification failed unexpectedly with {ExceptionType}; the request is rejected")]
    public static partial void Unexpected(ILogger logger, string exceptionType, Exception exception);
}
