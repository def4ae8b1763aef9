using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Telemetry;

namespace VoicePay.Skill.Alerts;

/// <summary>What one delivery pass did.</summary>
public sealed record DeliveryPass(int EventsRead, int AlertsAdded, int Delivered, int Retrying, int Failed, int Swept, BankError? FeedError);

/// <summary>
/// One pass of the alert job (the host's background service and the Lambda's schedule both run it):
/// read the bank's event feed from the stored cursor and keep an alert per subscribed, linked person;
/// then notify each due alert once; then sweep what is past its retention.
/// Reading is at-least-once (the cursor is saved after each page) and adding is idempotent on (person,
/// event), so a crash or a second run repeats no alert; sending claims each alert first, so two passes
/// never notify the same alert twice.
/// </summary>
public sealed partial class AlertDelivery(
    IBankEventFeed feed,
    IAlertStore store,
    IAlertNotifier notifier,
    IPersonalData personalData,
    IOptions<AlertDeliveryOptions> options,
    TimeProvider time,
    ILogger<AlertDelivery> logger)
{
    /// <summary>The cursor's name in the store: one bank, one feed.</summary>
    public const string FeedName = "bank-events";

    public async Task<DeliveryPass> RunOnceAsync(CancellationToken cancellationToken)
    {
        using var activity = VoicePayTelemetry.Source.StartActivity("alerts deliver");
        var (read, added, feedError) = await ReadFeedAsync(cancellationToken);
        var (delivered, retrying, failed) = await DeliverDueAsync(cancellationToken);
        var swept = await personalData.SweepAsync(time.GetUtcNow(), cancellationToken);
        var pass = new DeliveryPass(read, added, delivered, retrying, failed, swept, feedError);
        LogPass(logger, read, added, delivered, retrying, failed, swept, feedError?.ToString() ?? "none");
        return pass;
    }

    private async Task<(int Read, int Added, BankError? Error)> ReadFeedAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (read, added) = (0, 0);
        var cursor = await store.GetCursorAsync(FeedName, cancellationToken);
        for (var page = 0; page < settings.MaxPages; page++)
        {
            var result = await feed.ReadAsync(cursor, settings.PageSize, cancellationToken);
            if (!result.IsSuccess)
            {
                // The cursor stays where it was: the same events are read on the next pass.
                LogFeedFailed(logger, result.Error!.Value.ToString());
                return (read, added, result.Error);
            }

            foreach (var bankEvent in result.Value!.Events)
            {
                read++;
                foreach (var userId in await store.SubscribersAsync(bankEvent.CustomerId, cancellationToken))
                {
                    if (await store.AddAsync(ToAlert(userId, bankEvent), cancellationToken))
                    {
                        added++;
                    }
                }
            }

            cursor = result.Value.Cursor;
            await store.SaveCursorAsync(FeedName, cursor, cancellationToken);
            if (!result.Value.HasMore)
            {
                break;
            }
        }

        return (read, added, null);
    }

    private async Task<(int Delivered, int Retrying, int Failed)> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (delivered, retrying, failed) = (0, 0, 0);
        var now = time.GetUtcNow();
        foreach (var alert in await store.DueAsync(now, settings.BatchSize, cancellationToken))
        {
            if (!await store.TryClaimAsync(alert.UserId, alert.EventId, now, now + settings.Lease, cancellationToken))
            {
                continue;
            }

            var attempt = alert.Attempts + 1;
            var outcome = await NotifyAsync(alert, cancellationToken);
            switch (outcome)
            {
                case NotifyOutcome.Accepted:
                    await store.RecordDeliveryAsync(alert.UserId, alert.EventId, DeliveryState.Delivered, null, cancellationToken);
                    delivered++;
                    Count("delivered");
                    break;
                case NotifyOutcome.RetryLater when attempt < settings.MaxAttempts:
                    var next = time.GetUtcNow() + Backoff(settings, attempt);
                    await store.RecordDeliveryAsync(alert.UserId, alert.EventId, DeliveryState.Pending, next, cancellationToken);
                    retrying++;
                    Count("retrying");
                    LogRetrying(logger, alert.EventId, attempt, next);
                    break;
                default:
                    // Kept (the person still hears it in the skill), logged and counted: never dropped silently.
                    await store.RecordDeliveryAsync(alert.UserId, alert.EventId, DeliveryState.Failed, null, cancellationToken);
                    failed++;
                    Count(outcome == NotifyOutcome.Rejected ? "rejected" : "failed");
                    LogGaveUp(logger, alert.EventId, attempt, outcome.ToString());
                    break;
            }
        }

        return (delivered, retrying, failed);
    }

    /// <summary>An exception from the notifier is a failed attempt, not a failed pass: the others still go.</summary>
    private async Task<NotifyOutcome> NotifyAsync(UserAlert alert, CancellationToken cancellationToken)
    {
        try
        {
            return await notifier.NotifyAsync(alert.UserId, alert.EventId, alert.IsUrgent, alert.OccurredAt, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogNotifyThrew(logger, alert.EventId, exception.GetType().Name);
            return NotifyOutcome.RetryLater;
        }
    }

    public static TimeSpan Backoff(AlertDeliveryOptions settings, int attempt)
    {
        var doubled = settings.RetryBase.TotalSeconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        return TimeSpan.FromSeconds(Math.Min(doubled, settings.RetryMax.TotalSeconds));
    }

    private static UserAlert ToAlert(string userId, BankEvent e) =>
        new(userId, e.Id, e.Kind, e.Amount, e.Counterparty, e.AccountLastFour, e.OccurredAt);

    private static void Count(string outcome)
    {
        if (VoicePayTelemetry.AlertNotifications.Enabled)
        {
            VoicePayTelemetry.AlertNotifications.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert pass: {EventsRead} events read, {AlertsAdded} alerts added, {Delivered} delivered, {Retrying} to retry, {Failed} failed, {Swept} records swept, feed error {FeedError}")]
    private static partial void LogPass(ILogger logger, int eventsRead, int alertsAdded, int delivered, int retrying, int failed, int swept, string feedError);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bank's event feed could not be read ({Error}); the cursor stays for the next pass")]
    private static partial void LogFeedFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert notification for bank event {EventId} not accepted on attempt {Attempt}; next try at {NextAttemptAt}")]
    private static partial void LogRetrying(ILogger logger, string eventId, int attempt, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert notification for bank event {EventId} given up after attempt {Attempt} ({Outcome}); the alert is kept for the skill")]
    private static partial void LogGaveUp(ILogger logger, string eventId, int attempt, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The notifier threw {ExceptionType} for bank event {EventId}; counted as an attempt to retry")]
    private static partial void LogNotifyThrew(ILogger logger, string eventId, string exceptionType);
}
