using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using VoicePay.Skill.State;
using VoicePay.Storage.Sqlite;

namespace VoicePay.Storage.Tests;

public sealed class SqlitePersonalDataTests : PersonalDataContract<SqliteUserStateStore>, IDisposable
{
    // A file per test, so a scan sees only what this test wrote and a sweep touches nothing of another's.
    private readonly SqliteDatabaseFixture _database = new();

    protected override string JournalContainer => "transfer_journal";

    protected override string TombstoneContainer => "forgotten_users";

    // xunit disposes the test class after DisposeAsync, so the stores are closed before the file goes.
    public void Dispose() => _database.Dispose();

    protected override SqliteUserStateStore CreateStore() =>
        new(new SqliteUserStateStoreOptions { ConnectionString = _database.ConnectionString }, Time);

    /// <summary>
    /// SQLite's sweep deletes rows (DynamoDB's expiry is its TTL, checked per kind of record above); what it deleted
    /// must not stay readable in the file or the log.
    /// </summary>
    [Fact]
    public async Task The_sweep_leaves_no_byte_of_what_it_deleted()
    {
        var person = PersonalBytes.For(User);
        await GiveEverythingSettledAsync(person);
        var conversation = NewId("conversation-text-");
        await Store.SaveConversationAsync(User, "session-3", "{\"said\":\"" + conversation + "\"}", Now.AddMinutes(10), Ct);
        Assert.True(await CountBytesAsync(Encoding.UTF8.GetBytes(conversation)) > 0);

        // Past every retention: conversations, reservations, settled transfers and alerts go; the PIN and the link stay.
        await Store.SweepAsync(Now.AddYears(1), Ct);

        Assert.Equal(0, await CountBytesAsync(Encoding.UTF8.GetBytes(conversation)));
        Assert.Equal(0, await CountBytesAsync(person.PayeeName));
        Assert.Equal(0, await CountBytesAsync(person.Merchant));
        Assert.True(await CountBytesAsync(person.PinHash) > 0, "the PIN is kept until the person goes");
    }

    [Fact]
    public async Task A_reader_holding_the_log_delays_the_scrub_which_is_reported_and_retried_until_it_finishes()
    {
        var logs = new RecordingLogger();
        using var store = new SqliteUserStateStore(new SqliteUserStateStoreOptions { ConnectionString = _database.ConnectionString }, Time, logs);
        var person = PersonalBytes.For(User);
        await store.SetPinAsync(PinHolder.Account(User), new StoredPin("PBKDF2-HMACSHA256", person.PinSalt, person.PinHash, 210_000), Ct);

        // Another connection (the CLI, say) in the middle of a read: its snapshot is in the log, which cannot be cut yet.
        await using var reader = new SqliteConnection(_database.ConnectionString);
        await reader.OpenAsync();
        await using var read = reader.BeginTransaction(deferred: true);
        await using (var select = reader.CreateCommand())
        {
            select.Transaction = read;
            select.CommandText = "SELECT count(*) FROM pins;";
            await select.ExecuteScalarAsync();
        }

        await store.ForgetAsync(User, Now, Ct);

        Assert.True(store.IsScrubPending);
        Assert.True(await CountBytesAsync(person.PinHash) > 0, "the reader's snapshot still holds the PIN hash");
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("write-ahead log", StringComparison.Ordinal));

        await read.RollbackAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (store.IsScrubPending && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.False(store.IsScrubPending, "the retry should finish once the reader is gone: " + string.Join(" / ", logs.Entries.Select(e => e.Message)));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("gone from the files", StringComparison.Ordinal));
        foreach (var (name, needle) in person.Needles)
        {
            Assert.True(await CountBytesAsync(needle) == 0, name + " is still in the files after the retried checkpoint");
        }
    }

    /// <summary>Every row of every table whose any column, read as text, holds <paramref name="text"/>.</summary>
    protected override async Task<IReadOnlyList<FoundRecord>> ScanAsync(string text)
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        var found = new List<FoundRecord>();
        foreach (var table in await ListAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%';"))
        {
            var columns = await ListAsync(connection, $"SELECT name FROM pragma_table_info('{table}');");
            var content = string.Join(" || '|' || ", columns.Select(c => $"COALESCE(CAST(\"{c}\" AS TEXT), '')"));
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {content} FROM \"{table}\" WHERE instr({content}, $text) > 0;";
            command.Parameters.AddWithValue("$text", text);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                found.Add(new FoundRecord(table, reader.GetString(0)));
            }
        }

        return found;
    }

    protected override async Task AssertRetainedUntilAsync(SqliteUserStateStore store, string token, DateTimeOffset? expiresAt)
    {
        var before = (await ScanAsync(token)).Count;
        Assert.NotEqual(0, before);
        if (expiresAt is not { } at)
        {
            await store.SweepAsync(Time.GetUtcNow().AddYears(10), CancellationToken.None);
            Assert.Equal(before, (await ScanAsync(token)).Count);
            return;
        }

        await store.SweepAsync(at.AddMilliseconds(-1), CancellationToken.None);
        Assert.Equal(before, (await ScanAsync(token)).Count);
        Assert.True(await store.SweepAsync(at, CancellationToken.None) >= 1);
        Assert.Empty(await ScanAsync(token));
    }

    /// <summary>The raw bytes of the database file, its WAL and its shared-memory index, read while the store has them open.</summary>
    protected override async Task<int> CountBytesAsync(byte[] needle)
    {
        var count = 0;
        foreach (var path in new[] { _database.Path, _database.Path + "-wal", _database.Path + "-shm" })
        {
            if (File.Exists(path))
            {
                await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                await file.CopyToAsync(copy);
                count += ByteScan.Count(copy.ToArray(), needle);
            }
        }

        return count;
    }

    private static async Task<List<string>> ListAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}

/// <summary>Keeps what the store logs, for tests that check a problem is reported.</summary>
internal sealed class RecordingLogger : ILogger<SqliteUserStateStore>
{
    private readonly List<(LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        lock (_entries)
        {
            _entries.Add((logLevel, formatter(state, exception)));
        }
    }
}
