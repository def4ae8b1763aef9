using VoicePay.Skill.Banking;
using VoicePay.Skill.Domain;

namespace VoicePay.Skill.Alerts;

/// <summary>Where one alert's notification stands.</summary>
public enum DeliveryState
{
    /// <summary>Not yet sent, or to be tried again at <see cref="UserAlert.NextAttemptAt"/>.</summary>
    Pending,

    /// <summary>Amazon accepted the notification.</summary>
    Delivered,

    /// <summary>Given up after the retry limit or a permanent refusal: kept, logged and counted, never dropped.</summary>
    Failed,
}

/// <summary>
/// The link between an Alexa user and the bank customer their access token belongs to (null until known);
/// <c>Subscribed</c>: the person allowed Voice Pay's notifications (SkillProactiveSubscriptionChanged).
/// </summary>
public sealed record AlertLink(string UserId, string? CustomerId, bool Subscribed, DateTimeOffset UpdatedAt);

/// <summary>
/// One bank event as it concerns one person: the details spoken inside the skill after the PIN, and the
/// state of its notification. Keyed by (<see cref="UserId"/>, <see cref="EventId"/>): adding it twice keeps one.
/// </summary>
public sealed record UserAlert(
    string UserId,
    string EventId,
    BankEventKind Kind,
    Money Amount,
    string? Counterparty,
    string? AccountLastFour,
    DateTimeOffset OccurredAt,
    DeliveryState Delivery = DeliveryState.Pending,
    int Attempts = 0,
    DateTimeOffset? NextAttemptAt = null,
    DateTimeOffset? HeardAt = null)
{
    public bool IsUrgent => Kind == BankEventKind.SuspectedFraud;
}

/// <summary>
/// Alerts: links, subscriptions, each person's alerts with their notification state, and the feed's cursor.
/// A port; SQLite and DynamoDB adapters pass one contract suite. Every method is atomic on its own.
/// </summary>
public interface IAlertStore
{
    /// <summary>Links <paramref name="userId"/> to <paramref name="customerId"/> (replacing an earlier link); keeps the subscription flag.</summary>
    Task LinkAsync(string userId, string customerId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Sets the subscription flag, whether or not the person is linked yet (the event can come first).</summary>
    Task SetSubscribedAsync(string userId, bool subscribed, DateTimeOffset now, CancellationToken cancellationToken);

    Task<AlertLink?> GetLinkAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the link (unlinking) and the person's alerts, unless the link was made or changed after
    /// <paramref name="notChangedAfter"/>: a request from before a new link cannot undo it (a replayed tokenless
    /// request, docs/architecture.md). A subscription without a link to a customer is left as it is. True when a link to
    /// a customer was removed.
    /// </summary>
    Task<bool> UnlinkAsync(string userId, DateTimeOffset notChangedAfter, CancellationToken cancellationToken);

    /// <summary>The Alexa users linked to <paramref name="customerId"/> who are subscribed.</summary>
    Task<IReadOnlyList<string>> SubscribersAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>Adds the alert unless (user, event) is stored already; returns whether it was added.</summary>
    Task<bool> AddAsync(UserAlert alert, CancellationToken cancellationToken);

    /// <summary>Alerts whose notification is <see cref="DeliveryState.Pending"/> and due at <paramref name="now"/> (no <see cref="UserAlert.NextAttemptAt"/>, or passed), oldest first.</summary>
    Task<IReadOnlyList<UserAlert>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Claims a due alert for sending until <paramref name="leaseUntil"/> (sets NextAttemptAt to it, counts the
    /// attempt). False when another sender holds it or it is no longer pending: two delivery runs never send one twice.
    /// </summary>
    Task<bool> TryClaimAsync(string userId, string eventId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Records the notification's fate: delivered, failed for good, or pending again from <paramref name="nextAttemptAt"/>.</summary>
    Task RecordDeliveryAsync(string userId, string eventId, DeliveryState state, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>Alerts not yet heard, oldest first.</summary>
    Task<IReadOnlyList<UserAlert>> UnheardAsync(string userId, CancellationToken cancellationToken);

    Task MarkHeardAsync(string userId, IReadOnlyCollection<string> eventIds, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Counts of alerts by delivery state (the undelivered backlog, for health and metrics).</summary>
    Task<int> CountAsync(DeliveryState state, CancellationToken cancellationToken);

    /// <summary>The bank feed's durable cursor (null before the first read).</summary>
    Task<string?> GetCursorAsync(string feed, CancellationToken cancellationToken);

    Task SaveCursorAsync(string feed, string cursor, CancellationToken cancellationToken);
}
