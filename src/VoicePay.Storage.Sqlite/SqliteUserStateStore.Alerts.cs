using System.Globalization;
using Microsoft.Data.Sqlite;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Domain;
using VoicePay.Skill.State;

namespace VoicePay.Storage.Sqlite;

/// <summary>
/// Alerts on the same SQLite file (<see cref="IAlertStore"/>): <c>alert_links</c>, <c>user_alerts</c> and
/// <c>feed_cursors</c>. An alert past its <c>expires_at</c> (docs/privacy.md) is invisible to reads before
/// <see cref="SweepAsync"/> deletes it.
/// </summary>
public sealed partial class SqliteUserStateStore : IAlertStore
{
    private const string AlertColumns = """
        user_id, event_id, kind, amount, currency, counterparty, account_last_four,
        occurred_at, delivery, attempts, next_attempt_at, heard_at
        """;

    public async Task LinkAsync(string userId, string customerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO alert_links (user_id, customer_id, subscribed, updated_at) VALUES ($user, $customer, 0, $now)
            ON CONFLICT (user_id) DO UPDATE SET customer_id = excluded.customer_id, updated_at = excluded.updated_at;
            """;
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$customer", customerId);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SetSubscribedAsync(string userId, bool subscribed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // A row that would say only "not linked, not subscribed" tells nothing: it is not kept.
        command.CommandText = """
            INSERT INTO alert_links (user_id, customer_id, subscribed, updated_at) VALUES ($user, NULL, $subscribed, $now)
            ON CONFLICT (user_id) DO UPDATE SET subscribed = excluded.subscribed, updated_at = excluded.updated_at;
            DELETE FROM alert_links WHERE user_id = $user AND customer_id IS NULL AND subscribed = 0;
            """;
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$subscribed", subscribed ? 1 : 0);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<AlertLink?> GetLinkAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT customer_id, subscribed, updated_at FROM alert_links WHERE user_id = $user;";
        command.Parameters.AddWithValue("$user", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new AlertLink(
            userId,
            reader.IsDBNull(0) ? null : reader.GetString(0),
            reader.GetInt64(1) != 0,
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)));
    }

    public async Task<bool> UnlinkAsync(string userId, DateTimeOffset notChangedAfter, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var check = connection.CreateCommand();
        check.Transaction = transaction;
        check.CommandText = "SELECT 1 FROM alert_links WHERE user_id = $user AND customer_id IS NOT NULL AND updated_at <= $notAfter;";
        check.Parameters.AddWithValue("$user", userId);
        check.Parameters.AddWithValue("$notAfter", notChangedAfter.ToUnixTimeMilliseconds());
        if (await check.ExecuteScalarAsync(cancellationToken) is null)
        {
            // No link to a customer (a subscription alone is Alexa's permission, not the bank's link), or one made
            // after the request that asks: nothing is undone or rewritten.
            return false;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // The subscription is Alexa's permission, not the bank's link: it stays for a later link, alone.
        command.CommandText = """
            UPDATE alert_links SET customer_id = NULL WHERE user_id = $user;
            DELETE FROM alert_links WHERE user_id = $user AND subscribed = 0;
            DELETE FROM user_alerts WHERE user_id = $user;
            """;
        command.Parameters.AddWithValue("$user", userId);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<string>> SubscribersAsync(string customerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT user_id FROM alert_links WHERE customer_id = $customer AND subscribed = 1 ORDER BY user_id;";
        command.Parameters.AddWithValue("$customer", customerId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var users = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(reader.GetString(0));
        }

        return users;
    }

    public async Task<bool> AddAsync(UserAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentException.ThrowIfNullOrEmpty(alert.UserId);
        ArgumentException.ThrowIfNullOrEmpty(alert.EventId);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO user_alerts ({AlertColumns}, expires_at)
            VALUES ($user, $event, $kind, $amount, $currency, $counterparty, $lastFour, $occurred, $delivery, $attempts, $next, $heard, $expires)
            ON CONFLICT (user_id, event_id) DO NOTHING;
            """;
        command.Parameters.AddWithValue("$user", alert.UserId);
        command.Parameters.AddWithValue("$event", alert.EventId);
        command.Parameters.AddWithValue("$kind", alert.Kind.ToString());
        command.Parameters.AddWithValue("$amount", alert.Amount.Amount.ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$currency", alert.Amount.Currency);
        command.Parameters.AddWithValue("$counterparty", (object?)alert.Counterparty ?? DBNull.Value);
        command.Parameters.AddWithValue("$lastFour", (object?)alert.AccountLastFour ?? DBNull.Value);
        command.Parameters.AddWithValue("$occurred", alert.OccurredAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$delivery", alert.Delivery.ToString());
        command.Parameters.AddWithValue("$attempts", alert.Attempts);
        command.Parameters.AddWithValue("$next", (object?)alert.NextAttemptAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$heard", (object?)alert.HeardAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$expires", AlertExpiry(alert.OccurredAt, alert.HeardAt).ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<UserAlert>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {AlertColumns} FROM user_alerts
            WHERE delivery = 'Pending' AND (next_attempt_at IS NULL OR next_attempt_at <= $now) AND expires_at > $now
            ORDER BY occurred_at, user_id, event_id
            LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadAlertsAsync(command, cancellationToken);
    }

    public async Task<bool> TryClaimAsync(
        string userId, string eventId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        if (leaseUntil <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(leaseUntil), "A claim's lease must end after it starts.");
        }

        await using var connection = await OpenAsync(cancellationToken);
        // IMMEDIATE: the write lock is held before the condition is read, so of two senders (in this process or
        // another sharing the file) exactly one sees the alert due and moves its NextAttemptAt past now.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE user_alerts SET next_attempt_at = $lease, attempts = attempts + 1
            WHERE user_id = $user AND event_id = $event AND delivery = 'Pending'
              AND (next_attempt_at IS NULL OR next_attempt_at <= $now) AND expires_at > $now;
            """;
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$event", eventId);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$lease", leaseUntil.ToUnixTimeMilliseconds());
        var claimed = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    public async Task RecordDeliveryAsync(
        string userId, string eventId, DeliveryState state, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // A retry time means something only while pending.
        command.CommandText = "UPDATE user_alerts SET delivery = $state, next_attempt_at = $next WHERE user_id = $user AND event_id = $event;";
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$event", eventId);
        command.Parameters.AddWithValue("$state", state.ToString());
        command.Parameters.AddWithValue(
            "$next", state == DeliveryState.Pending && nextAttemptAt is { } next ? next.ToUnixTimeMilliseconds() : DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UserAlert>> UnheardAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {AlertColumns} FROM user_alerts
            WHERE user_id = $user AND heard_at IS NULL AND expires_at > $now
            ORDER BY occurred_at, event_id;
            """;
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        return await ReadAlertsAsync(command, cancellationToken);
    }

    public async Task MarkHeardAsync(string userId, IReadOnlyCollection<string> eventIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(eventIds);
        if (eventIds.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        foreach (var eventId in eventIds)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            // Heard once is heard: a second reading keeps the first time, and with it the first expiry.
            command.CommandText = """
                UPDATE user_alerts SET heard_at = $now, expires_at = $expires
                WHERE user_id = $user AND event_id = $event AND heard_at IS NULL;
                """;
            command.Parameters.AddWithValue("$user", userId);
            command.Parameters.AddWithValue("$event", eventId);
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$expires", (now + Retention.HeardAlerts).ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> CountAsync(DeliveryState state, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM user_alerts WHERE delivery = $state AND expires_at > $now;";
        command.Parameters.AddWithValue("$state", state.ToString());
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task<string?> GetCursorAsync(string feed, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(feed);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT cursor FROM feed_cursors WHERE feed = $feed;";
        command.Parameters.AddWithValue("$feed", feed);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task SaveCursorAsync(string feed, string cursor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(feed);
        ArgumentException.ThrowIfNullOrEmpty(cursor);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO feed_cursors (feed, cursor) VALUES ($feed, $cursor)
            ON CONFLICT (feed) DO UPDATE SET cursor = excluded.cursor;
            """;
        command.Parameters.AddWithValue("$feed", feed);
        command.Parameters.AddWithValue("$cursor", cursor);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>When an alert's retention ends: a week after it was heard, else a month after it happened.</summary>
    private static DateTimeOffset AlertExpiry(DateTimeOffset occurredAt, DateTimeOffset? heardAt) =>
        heardAt is { } heard ? heard + Retention.HeardAlerts : occurredAt + Retention.UnheardAlerts;

    private static async Task<IReadOnlyList<UserAlert>> ReadAlertsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var alerts = new List<UserAlert>();
        while (await reader.ReadAsync(cancellationToken))
        {
            alerts.Add(new UserAlert(
                UserId: reader.GetString(0),
                EventId: reader.GetString(1),
                Kind: Enum.Parse<BankEventKind>(reader.GetString(2)),
                Amount: Money.Of(decimal.Parse(reader.GetString(3), NumberStyles.Number, CultureInfo.InvariantCulture), reader.GetString(4)),
                Counterparty: reader.IsDBNull(5) ? null : reader.GetString(5),
                AccountLastFour: reader.IsDBNull(6) ? null : reader.GetString(6),
                OccurredAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                Delivery: Enum.Parse<DeliveryState>(reader.GetString(8)),
                Attempts: reader.GetInt32(9),
                NextAttemptAt: reader.IsDBNull(10) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10)),
                HeardAt: reader.IsDBNull(11) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11))));
        }

        return alerts;
    }
}
