namespace VoicePay.Alexa.Apis.ProactiveEvents;

/// <summary>
/// "You have a new message from Voice Pay", for one Alexa user. Deliberately nothing else: no amount, merchant,
/// account or text of any kind can be given, so none can reach a notification.
/// </summary>
/// <param name="UserId">The Alexa user id (<c>amzn1.ask.account...</c>).</param>
/// <param name="ReferenceId">Stable per event: Amazon treats a repeat of the same id as the same event, so a retry never notifies twice.</param>
/// <param name="Urgent">Marks the message group URGENT (suspected fraud only).</param>
/// <param name="OccurredAt">When the event happened; the notification's timestamp, moved into Amazon's window when needed.</param>
public sealed record MessageAlert(string UserId, string ReferenceId, bool Urgent, DateTimeOffset OccurredAt);

/// <summary>What became of one notification after the client's own retries.</summary>
public enum ProactiveEventOutcome
{
    /// <summary>HTTP 202.</summary>
    Accepted,

    /// <summary>403 twice, 429, 5xx, timeouts or no connection past the attempt or time limit; or no token. Try again later.</summary>
    RetryLater,

    /// <summary>400, 404 or another 4xx: the event or the user is wrong; retrying cannot help.</summary>
    Rejected,
}
