using VoicePay.Skill.Alerts;
using VoicePay.Skill.State;
using VoicePay.Skill.Transfers;

namespace VoicePay.Storage.Sqlite;

/// <summary>
/// "Forget me" and the retention sweep (<see cref="IPersonalData"/>, docs/privacy.md). Everything keyed by the
/// person goes in one IMMEDIATE transaction except transfers whose outcome is unknown: the bank may still have
/// moved the money, and the journal is how Voice Pay finds out and tells the person. They stay, with a tombstone
/// (user id and date only) that tells <see cref="SweepAsync"/> to delete them as soon as they settle. Claims of
/// requests still running (no answer yet, the forgetting request's own among them) stay: their answers are kept for the
/// replay window, so a replayed "forget me" or SkillDisabled does nothing (docs/privacy.md).
/// </summary>
public sealed partial class SqliteUserStateStore : IPersonalData
{
    private const string Settled = "('Sent', 'Declined')";

    public async Task ForgetAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        // A pre-journal record of an unknown transfer is a conversation row; deleting it with the conversations
        // would lose the transfer. Moved into the journal first, it is kept like any other unknown one.
        await new LegacyUnresolvedTransfer(this, this, _time).ImportAsync(userId, cancellationToken);

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            DELETE FROM pins WHERE user_id = $user;
            DELETE FROM pin_windows WHERE user_id = $user;
            DELETE FROM daily_reservations WHERE user_id = $user;
            DELETE FROM conversations WHERE user_id = $user;
            DELETE FROM handled_requests WHERE user_id = $user AND response IS NOT NULL;
            DELETE FROM alert_links WHERE user_id = $user;
            DELETE FROM user_alerts WHERE user_id = $user;
            DELETE FROM transfer_journal WHERE user_id = $user AND state IN {Settled};
            INSERT INTO forgotten_users (user_id, forgotten_at, expires_at)
                SELECT $user, $now, $expires WHERE EXISTS (SELECT 1 FROM transfer_journal WHERE user_id = $user)
                ON CONFLICT (user_id) DO UPDATE SET forgotten_at = excluded.forgotten_at, expires_at = excluded.expires_at;
            """;
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$expires", (now + Retention.Tombstones).ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await ScrubAsync(connection, cancellationToken);
    }

    /// <summary>Whether deleted personal data may still be in the write-ahead log (a reader kept the checkpoint back; it is being retried).</summary>
    public bool IsScrubPending => _scrubber.IsPending;

    /// <summary>After a committed deletion: the log's old frames go, so the deleted bytes are nowhere in the files (<see cref="SqliteLogScrubber"/>).</summary>
    private async Task ScrubAsync(SqliteConnectionLease writer, CancellationToken cancellationToken)
    {
        if (!_inMemory)
        {
            await _scrubber.ScrubAsync(writer.Connection, cancellationToken);
        }
    }

    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var deleted = 0;
        foreach (var (sql, cutoff) in SweepSteps(now))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$cutoff", cutoff);
            deleted += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (deleted > 0)
        {
            await ScrubAsync(connection, cancellationToken);
        }

        return deleted;
    }

    /// <summary>Each kind of record and the moment before which it is past its retention.</summary>
    private static IEnumerable<(string Sql, object Cutoff)> SweepSteps(DateTimeOffset now)
    {
        var ms = now.ToUnixTimeMilliseconds();
        yield return ("DELETE FROM conversations WHERE expires_at <= $now;", ms);
        yield return ("DELETE FROM handled_requests WHERE expires_at <= $now;", ms);
        // A day's reservations go when the day began at least two days ago (days are 'yyyy-MM-dd': text order is date order).
        yield return ("DELETE FROM daily_reservations WHERE day <= $cutoff;", DayText(DateOnly.FromDateTime((now - Retention.DailyReservations).UtcDateTime)));
        // Settled entries' updated_at is when they settled: nothing moves them afterwards.
        yield return ($"DELETE FROM transfer_journal WHERE state IN {Settled} AND updated_at <= $cutoff;", (now - Retention.SettledTransfers).ToUnixTimeMilliseconds());
        yield return ($"DELETE FROM transfer_journal WHERE state IN {Settled} AND user_id IN (SELECT user_id FROM forgotten_users);", ms);
        // The tombstone has done its work once none of the person's transfers is left.
        yield return (
            "DELETE FROM forgotten_users WHERE expires_at <= $now OR NOT EXISTS (SELECT 1 FROM transfer_journal j WHERE j.user_id = forgotten_users.user_id);",
            ms);
        yield return ("DELETE FROM user_alerts WHERE expires_at <= $now;", ms);
    }
}
