using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.State;
using VoicePay.Storage.Sqlite;

namespace VoicePay.Storage.Tests;

public sealed class SqliteAlertStoreTests : AlertStoreContract, IDisposable
{
    // A file per test: due alerts and counts are read across everyone in the file.
    private readonly SqliteDatabaseFixture _database = new();

    // xunit disposes the test class after DisposeAsync, so the stores are closed before the file goes.
    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task The_registration_provides_the_store_as_the_alert_store_and_the_personal_data()
    {
        await using var provider = new ServiceCollection().AddSqliteUserStateStore(_database.ConnectionString).BuildServiceProvider();

        var store = provider.GetRequiredService<IUserStateStore>();
        Assert.Same(store, provider.GetRequiredService<IAlertStore>());
        Assert.Same(store, provider.GetRequiredService<IPersonalData>());
    }

    [Fact]
    public async Task A_database_from_before_the_alerts_keeps_its_data_and_gains_the_new_tables()
    {
        await using (var old = new SqliteConnection(_database.ConnectionString))
        {
            await old.OpenAsync();
            await using var command = old.CreateCommand();
            // As the store wrote it before the schema had versions (user_version 0).
            command.CommandText = """
                CREATE TABLE pins (
                    user_id TEXT NOT NULL PRIMARY KEY, algorithm TEXT NOT NULL, salt BLOB NOT NULL, hash BLOB NOT NULL, iterations INTEGER NOT NULL);
                INSERT INTO pins VALUES ('amzn1.ask.account.old', 'PBKDF2-HMACSHA256', x'0102', x'0304', 210000);
                """;
            await command.ExecuteNonQueryAsync();
        }

        using var store = (SqliteUserStateStore)CreateStore();
        var pin = await store.GetPinAsync(PinHolder.Account("amzn1.ask.account.old"), CancellationToken.None);
        await store.SaveCursorAsync("bank", "c-1", CancellationToken.None);
        using var again = (SqliteUserStateStore)CreateStore();

        Assert.Equal(210000, pin!.Pin.Iterations);
        Assert.Equal("c-1", await again.GetCursorAsync("bank", CancellationToken.None));
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var version = connection.CreateCommand();
        version.CommandText = "PRAGMA user_version;";
        Assert.Equal(4L, await version.ExecuteScalarAsync());
    }

    protected override IAlertStore CreateStore() =>
        new SqliteUserStateStore(new SqliteUserStateStoreOptions { ConnectionString = _database.ConnectionString }, Time);
}
