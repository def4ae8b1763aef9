using System.Globalization;
using Microsoft.Data.Sqlite;
using VoicePay.Skill.State;

namespace VoicePay.Storage.Sqlite;

/// <summary>The transfer journal on the same SQLite file (<see cref="ITransferJournal"/>).</summary>
public sealed partial class SqliteUserStateStore
{
    private const string JournalColumns = """
        user_id, idempotency_key, payee_id, payee_name, from_account_id, from_account, from_last_four,
        amount, currency, reserved_on, state, created_at, updated_at, transfer_id, decline_reason
        """;

    public async Task<(JournalEntry Entry, bool Created)> BeginAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        TransferJournal.ValidateNew(entry);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        if (await FindAsync(connection, transaction, entry.UserId, entry.IdempotencyKey, cancellationToken) is { } existing)
        {
            return (existing, false);
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"""
            INSERT INTO transfer_journal ({JournalColumns})
            VALUES ($user, $key, $payee, $payeeName, $from, $fromName, $fromLast, $amount, $currency, $day, $state, $created, $updated, NULL, $reason);
            """;
        insert.Parameters.AddWithValue("$user", entry.UserId);
        insert.Parameters.AddWithValue("$key", entry.IdempotencyKey);
        insert.Parameters.AddWithValue("$payee", entry.PayeeId);
        insert.Parameters.AddWithValue("$payeeName", entry.PayeeName);
        insert.Parameters.AddWithValue("$from", entry.FromAccountId);
        insert.Parameters.AddWithValue("$fromName", entry.FromAccountName);
        insert.Parameters.AddWithValue("$fromLast", entry.FromAccountLastFour);
        insert.Parameters.AddWithValue("$amount", entry.Amount.ToString(CultureInfo.InvariantCulture));
        insert.Parameters.AddWithValue("$currency", entry.Currency);
        insert.Parameters.AddWithValue("$day", DayText(entry.ReservedOn));
        insert.Parameters.AddWithValue("$state", entry.State.ToString());
        insert.Parameters.AddWithValue("$created", entry.CreatedAt.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$updated", entry.UpdatedAt.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$reason", (object?)entry.DeclineReason ?? DBNull.Value);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // Times are stored to the millisecond: return what a later read will see.
        return (entry with { CreatedAt = ToStoredTime(entry.CreatedAt), UpdatedAt = ToStoredTime(entry.UpdatedAt) }, true);
    }

    public async Task<JournalEntry> AdvanceAsync(
        string userId, string idempotencyKey, JournalState to, string? transferId, string? declineReason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var current = await FindAsync(connection, transaction, userId, idempotencyKey, cancellationToken)
            ?? throw new KeyNotFoundException("No journalled transfer has that idempotency key.");
        if (!TransferJournal.CanMove(current.State, to))
        {
            return current;
        }

        await using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = """
            UPDATE transfer_journal
            SET state = $state, updated_at = $at,
                transfer_id = COALESCE($transfer, transfer_id), decline_reason = COALESCE($reason, decline_reason)
            WHERE user_id = $user AND idempotency_key = $key;
            """;
        update.Parameters.AddWithValue("$state", to.ToString());
        update.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        update.Parameters.AddWithValue("$transfer", (object?)transferId ?? DBNull.Value);
        update.Parameters.AddWithValue("$reason", (object?)declineReason ?? DBNull.Value);
        update.Parameters.AddWithValue("$user", userId);
        update.Parameters.AddWithValue("$key", idempotencyKey);
        await update.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return current with
        {
            State = to,
            UpdatedAt = ToStoredTime(at),
            TransferId = transferId ?? current.TransferId,
            DeclineReason = declineReason ?? current.DeclineReason,
        };
    }

    public async Task<JournalEntry?> FindAsync(string userId, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        await using var connection = await OpenReaderAsync(cancellationToken);
        return await FindAsync(connection, null, userId, idempotencyKey, cancellationToken);
    }

    public async Task<IReadOnlyList<JournalEntry>> UnresolvedAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {JournalColumns} FROM transfer_journal
            WHERE user_id = $user AND state IN ('Pending', 'Unknown')
            ORDER BY created_at, idempotency_key;
            """;
        command.Parameters.AddWithValue("$user", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<JournalEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(ReadEntry(reader));
        }

        return entries;
    }

    public async Task<IReadOnlyList<JournalEntry>> SentSinceAsync(string userId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {JournalColumns} FROM transfer_journal
            WHERE user_id = $user AND state = 'Sent' AND updated_at >= $since
            ORDER BY created_at, idempotency_key;
            """;
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<JournalEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(ReadEntry(reader));
        }

        return entries;
    }

    private static async Task<JournalEntry?> FindAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string userId, string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {JournalColumns} FROM transfer_journal WHERE user_id = $user AND idempotency_key = $key;";
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$key", idempotencyKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadEntry(reader) : null;
    }

    private static DateTimeOffset ToStoredTime(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    private static JournalEntry ReadEntry(SqliteDataReader reader) => new(
        UserId: reader.GetString(0),
        IdempotencyKey: reader.GetString(1),
        PayeeId: reader.GetString(2),
        PayeeName: reader.GetString(3),
        FromAccountId: reader.GetString(4),
        FromAccountName: reader.GetString(5),
        FromAccountLastFour: reader.GetString(6),
        Amount: decimal.Parse(reader.GetString(7), NumberStyles.Number, CultureInfo.InvariantCulture),
        Currency: reader.GetString(8),
        ReservedOn: DateOnly.ParseExact(reader.GetString(9), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        State: Enum.Parse<JournalState>(reader.GetString(10)),
        CreatedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)),
        UpdatedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(12)),
        TransferId: reader.IsDBNull(13) ? null : reader.GetString(13),
        DeclineReason: reader.IsDBNull(14) ? null : reader.GetString(14));
}
