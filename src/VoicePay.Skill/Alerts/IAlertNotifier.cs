namespace VoicePay.Skill.Alerts;

/// <summary>What became of one notification request.</summary>
public enum NotifyOutcome
{
    /// <summary>Amazon accepted it (HTTP 202).</summary>
    Accepted,

    /// <summary>Try again later: 403 (token), 429, 5xx, timeout or no connection, after the notifier's own retries.</summary>
    RetryLater,

    /// <summary>Amazon refused it for good (400, 404: a wrong body or an unknown user); retrying cannot help.</summary>
    Rejected,
}

/// <summary>
/// The port to Alexa notifications (the Proactive Events API): an <c>AMAZON.MessageAlert.Activated</c> event,
/// unicast to the Alexa user id, with <c>referenceId</c> = the bank event's id. The
/// notification itself says nothing financial; the details are spoken only inside the skill after the PIN.
/// </summary>
public interface IAlertNotifier
{
    Task<NotifyOutcome> NotifyAsync(string userId, string referenceId, bool urgent, DateTimeOffset occurredAt, CancellationToken cancellationToken);
}
