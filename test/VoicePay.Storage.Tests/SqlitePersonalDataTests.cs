using Microsoft.Data.Sqlite;
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
