using System.Net;
using Microsoft.Extensions.Logging;

namespace VoicePay.Payments;

/// <summary>Source-generated log messages. Tokens, account numbers and payee names are never parameters.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Transfer {TransferId} {Status} ({Amount}) after {Attempts} attempt(s)")]
    public static partial void TransferAnswered(ILogger logger, string transferId, string status, string amount, int attempts);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Transfer with idempotency key {IdempotencyKey} has an unknown outcome after {Attempts} attempt(s); replay the same key to resolve it")]
    public static partial void TransferOutcomeUnknown(ILogger logger, string idempotencyKey, int attempts, Exception? exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Payments API unavailable for {Operation} after {Attempts} attempt(s)")]
    public static partial void Unavailable(ILogger logger, string operation, int attempts, Exception? exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Payments API refused {Operation}: {StatusCode} {ProblemCode}")]
    public static partial void Refused(ILogger logger, string operation, HttpStatusCode statusCode, string? problemCode);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Payments API sent an unreadable answer to {Operation} ({StatusCode})")]
    public static partial void Unreadable(ILogger logger, string operation, HttpStatusCode statusCode, Exception? exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "The access token ({Length} characters) is not a valid bearer token (characters outside visible ASCII); refused as unauthorized without calling the bank")]
    public static partial void UnusableToken(ILogger logger, int length);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Bank event {EventId} has type {EventType}, which this client does not know; it is skipped")]
    public static partial void UnknownEventKind(ILogger logger, string eventId, string eventType);
}
