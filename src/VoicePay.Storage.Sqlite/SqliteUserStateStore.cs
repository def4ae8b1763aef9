using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VoicePay.Skill.Domain;
using VoicePay.Skill.State;

namespace VoicePay.Storage.Sqlite;

/// <summary>
/// <see cref="IUserStateStore"/> on a SQLite file, for local runs and single-host deployments.
/// Counters change in single conditional statements or in BEGIN IMMEDIATE transactions, so several
/// processes sharing the file still never pass the attempt limit or the daily limit.
/// Connections come from <see cref="SqliteConnectionPool"/>: opened once with a busy timeout and
/// synchronous=FULL (a journalled transfer survives a power loss), readers in parallel, writers of this process one at a time through an async gate.
/// </summary>
public sealed partial class SqliteUserStateStore : IUserStateStore, ITransferJournal, IHandledRequests, IDisposable
{
    // Expired conversations and kept answers are invisible to reads at once; deleting them can wait.
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(5);

    private readonly string _connectionString;
    private readonly bool _inMemory;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private readonly SqliteConnectionPool _pool;
    private readonly SqliteLogScrubber _scrubber;
    private volatile bool _schemaReady;
    private SqliteConnection? _keepAlive;
    private long _nextSweepAt;

    public SqliteUserStateStore(SqliteUserStateStoreOptions options, TimeProvider? timeProvider = null, ILogger<SqliteUserStateStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        _inMemory = builder.Mode == SqliteOpenMode.Memory;
        if (!_inMemory && (builder.DataSource.Length == 0 || builder.DataSource == ":memory:"))
        {
            throw new ArgumentException(
                "SQLite user state needs a file, or a named shared in-memory database (Mode=Memory;Cache=Shared).",
                nameof(options));
        }

        _connectionString = builder.ToString();
        _time = timeProvider ?? TimeProvider.System;
        _pool = new SqliteConnectionPool(_connectionString, exclusive: _inMemory);
        _scrubber = new SqliteLogScrubber(_pool, logger ?? (ILogger)NullLogger.Instance);
        if (!_inMemory)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }
    }

    /// <summary>Creates the tables if they are missing and switches a file to WAL. Every other method calls it first.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            var connection = await OpenConnectionAsync(cancellationToken);
            try
            {
                if (!_inMemory)
                {
                    // WAL lets readers go on while one writer holds the lock; the mode is stored in the file.
                    await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken);
                }

                await MigrateAsync(connection, cancellationToken);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }

            if (_inMemory)
            {
                // A shared in-memory database lives only while a connection to it is open.
                _keepAlive = connection;
            }
            else
            {
                await connection.DisposeAsync();
            }

            _schemaReady = true;
        }
        finally
        {
            _schemaLock.Release();
        }
    }

    public async Task SetPinAsync(PinHolder holder, StoredPin pin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pin);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO pins (user_id, person_id, algorithm, salt, hash, iterations)
            VALUES ($user, $person, $algorithm, $salt, $hash, $iterations)
            ON CONFLICT (user_id, person_id) DO UPDATE SET
                algorithm = excluded.algorithm, salt = excluded.salt,
                hash = excluded.hash, iterations = excluded.iterations;
            DELETE FROM pin_windows WHERE user_id = $user AND person_id = $person;
            """;
        AddHolder(command, holder);
        command.Parameters.AddWithValue("$algorithm", pin.Algorithm);
        command.Parameters.AddWithValue("$salt", pin.Salt);
        command.Parameters.AddWithValue("$hash", pin.Hash);
        command.Parameters.AddWithValue("$iterations", pin.Iterations);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> ReplacePinAsync(PinHolder holder, StoredPin current, StoredPin replacement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(replacement);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // One statement, conditional on the record read: a PIN enrolled meanwhile is never overwritten. The window stays.
        command.CommandText = """
            UPDATE pins SET algorithm = $algorithm, salt = $salt, hash = $hash, iterations = $iterations
            WHERE user_id = $user AND person_id = $person
                AND algorithm = $oldAlgorithm AND salt = $oldSalt AND hash = $oldHash AND iterations = $oldIterations;
            """;
        AddHolder(command, holder);
        command.Parameters.AddWithValue("$algorithm", replacement.Algorithm);
        command.Parameters.AddWithValue("$salt", replacement.Salt);
        command.Parameters.AddWithValue("$hash", replacement.Hash);
        command.Parameters.AddWithValue("$iterations", replacement.Iterations);
        command.Parameters.AddWithValue("$oldAlgorithm", current.Algorithm);
        command.Parameters.AddWithValue("$oldSalt", current.Salt);
        command.Parameters.AddWithValue("$oldHash", current.Hash);
        command.Parameters.AddWithValue("$oldIterations", current.Iterations);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<PinRecord?> GetPinAsync(PinHolder holder, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT p.algorithm, p.salt, p.hash, p.iterations, w.window
            FROM pins p LEFT JOIN pin_windows w ON w.user_id = p.user_id AND w.person_id = p.person_id
            WHERE p.user_id = $user AND p.person_id = $person;
            """;
        AddHolder(command, holder);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var pin = new StoredPin(
            reader.GetString(0),
            (byte[])reader.GetValue(1),
            (byte[])reader.GetValue(2),
            reader.GetInt32(3));
        return new PinRecord(pin, PinAttemptWindow.FromJson(reader.IsDBNull(4) ? null : reader.GetString(4)));
    }

    /// <summary>The holder's key: the user and the person ('' for the account's own PIN).</summary>
    private static void AddHolder(SqliteCommand command, PinHolder holder)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder.UserId);
        command.Parameters.AddWithValue("$user", holder.UserId);
        command.Parameters.AddWithValue("$person", holder.PersonId ?? string.Empty);
    }

    public async Task<T> UpdatePinAttemptsAsync<T>(
        PinHolder holder, Func<PinAttemptWindow, (PinAttemptWindow Window, T Result)> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await OpenAsync(cancellationToken);
        // IMMEDIATE takes the write lock before reading: the window we change is the window we replace.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT window FROM pin_windows WHERE user_id = $user AND person_id = $person;";
        AddHolder(read, holder);
        var (window, result) = change(PinAttemptWindow.FromJson(await read.ExecuteScalarAsync(cancellationToken) as string));

        await using var write = connection.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = """
            INSERT INTO pin_windows (user_id, person_id, window) VALUES ($user, $person, $window)
            ON CONFLICT (user_id, person_id) DO UPDATE SET window = excluded.window;
            """;
        AddHolder(write, holder);
        write.Parameters.AddWithValue("$window", window.ToJson());
        await write.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public async Task<bool> TryReserveDailyAmountAsync(
        string userId, DateOnly day, string idempotencyKey, Money amount, Money dailyLimit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        DailyReservation.Validate(idempotencyKey, amount, dailyLimit);
        await using var connection = await OpenAsync(cancellationToken);
        // IMMEDIATE takes the write lock before reading, so the total we check is the total we add to.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var (total, alreadyReserved) = await ReadDayAsync(connection, transaction, userId, day, amount.Currency, idempotencyKey, cancellationToken);
        if (alreadyReserved)
        {
            return true;
        }

        if (total + amount.Amount > dailyLimit.Amount)
        {
            return false;
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO daily_reservations (user_id, day, idempotency_key, currency, amount)
            VALUES ($user, $day, $key, $currency, $amount);
            """;
        insert.Parameters.AddWithValue("$user", userId);
        insert.Parameters.AddWithValue("$day", DayText(day));
        insert.Parameters.AddWithValue("$key", idempotencyKey);
        insert.Parameters.AddWithValue("$currency", amount.Currency);
        insert.Parameters.AddWithValue("$amount", amount.Amount.ToString(CultureInfo.InvariantCulture));
        await insert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task ReleaseDailyAmountAsync(string userId, DateOnly day, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM daily_reservations WHERE user_id = $user AND day = $day AND idempotency_key = $key;";
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$day", DayText(day));
        command.Parameters.AddWithValue("$key", idempotencyKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<Money> GetDailyTotalAsync(string userId, DateOnly day, string currency, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var zero = Money.Of(0m, currency);
        await using var connection = await OpenReaderAsync(cancellationToken);
        var (total, _) = await ReadDayAsync(connection, null, userId, day, zero.Currency, null, cancellationToken);
        return Money.Of(total, zero.Currency);
    }

    public async Task<string?> GetConversationAsync(string userId, string sessionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT state FROM conversations
            WHERE user_id = $user AND session_id = $session AND expires_at > $now;
            """;
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$session", sessionId);
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task SaveConversationAsync(
        string userId, string sessionId, string state, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentNullException.ThrowIfNull(state);
        await WithRelaxedSyncAsync(
            async connection =>
            {
                var command = connection.Prepared("""
                    INSERT INTO conversations (user_id, session_id, state, expires_at)
                    VALUES ($user, $session, $state, $expires)
                    ON CONFLICT (user_id, session_id) DO UPDATE SET state = excluded.state, expires_at = excluded.expires_at;
                    """);
                command.Parameters.AddWithValue("$user", userId);
                command.Parameters.AddWithValue("$session", sessionId);
                command.Parameters.AddWithValue("$state", state);
                command.Parameters.AddWithValue("$expires", expiresAt.ToUnixTimeMilliseconds());
                await command.ExecuteNonQueryAsync(cancellationToken);
                await SweepExpiredAsync(connection, cancellationToken);
            },
            cancellationToken);
    }

    public async Task DeleteConversationAsync(string userId, string sessionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        await WithRelaxedSyncAsync(
            async connection =>
            {
                var command = connection.Prepared("DELETE FROM conversations WHERE user_id = $user AND session_id = $session;");
                command.Parameters.AddWithValue("$user", userId);
                command.Parameters.AddWithValue("$session", sessionId);
                await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    public void Dispose()
    {
        _scrubber.Dispose();
        _pool.Dispose();
        _keepAlive?.Dispose();
        _schemaLock.Dispose();
    }

    private static string DayText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Runs the schema steps this file has not had yet. An up-to-date file is only read (opening a store never waits
    /// for another writer); each step runs in an IMMEDIATE transaction that reads the version again under the write
    /// lock, so two processes opening one old file run each step once.
    /// </summary>
    private static async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        while (await SchemaVersionAsync(connection, null, cancellationToken) < SqliteSchema.Migrations.Length)
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            var version = await SchemaVersionAsync(connection, transaction, cancellationToken);
            if (version >= SqliteSchema.Migrations.Length)
            {
                return;
            }

            await using var step = connection.CreateCommand();
            step.Transaction = transaction;
            // PRAGMA takes no parameters; the version is our own integer.
            step.CommandText = SqliteSchema.Migrations[version] + $"PRAGMA user_version = {(version + 1).ToString(CultureInfo.InvariantCulture)};";
            await step.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static async Task<int> SchemaVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>The day's total in <paramref name="currency"/>, and whether <paramref name="idempotencyKey"/> is among its reservations.</summary>
    private static async Task<(decimal Total, bool HasKey)> ReadDayAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string userId, DateOnly day, string currency,
        string? idempotencyKey, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT idempotency_key, currency, amount FROM daily_reservations WHERE user_id = $user AND day = $day;";
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$day", DayText(day));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var total = 0m;
        var hasKey = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            DailyReservation.EnsureSameCurrency(reader.GetString(1), currency);
            hasKey |= reader.GetString(0) == idempotencyKey;
            total += decimal.Parse(reader.GetString(2), NumberStyles.Number, CultureInfo.InvariantCulture);
        }

        return (total, hasKey);
    }

    /// <summary>A pooled connection holding this process's write gate until disposed. The default: use it for anything that may write.</summary>
    private async ValueTask<SqliteConnectionLease> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        return await _pool.RentAsync(write: true, cancellationToken);
    }

    /// <summary>
    /// Every commit is durable (synchronous=FULL, set on each pooled connection), except conversation
    /// state's: a power loss may roll back the last saves of a conversation (the person repeats a step),
    /// which spares an fsync on nearly every turn. PIN attempts, reservations and the journal stay FULL,
    /// and a FULL commit also makes every earlier one in the WAL durable.
    /// </summary>
    private async Task WithRelaxedSyncAsync(Func<SqliteConnectionLease, Task> write, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await using var connection = await _pool.RentAsync(write: true, cancellationToken, relaxed: true);
        await write(connection);
    }

    /// <summary>A pooled connection for methods that only read; they run in parallel with each other and with a writer (WAL).</summary>
    private async ValueTask<SqliteConnectionLease> OpenReaderAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        return await _pool.RentAsync(write: false, cancellationToken);
    }

    private Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken) => _pool.OpenNewAsync(cancellationToken);

    /// <summary>Now and then, deletes the short-lived records past their expiry: conversations and kept answers.</summary>
    private async Task SweepExpiredAsync(SqliteConnectionLease connection, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var due = Interlocked.Read(ref _nextSweepAt);
        if (now < due || Interlocked.CompareExchange(ref _nextSweepAt, now + (long)SweepInterval.TotalMilliseconds, due) != due)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM conversations WHERE expires_at <= $now; DELETE FROM handled_requests WHERE expires_at <= $now;";
        command.Parameters.AddWithValue("$now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
