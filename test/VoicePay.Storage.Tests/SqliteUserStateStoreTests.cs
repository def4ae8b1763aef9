using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using VoicePay.Skill.State;
using VoicePay.Storage.Sqlite;

namespace VoicePay.Storage.Tests;

public sealed class SqliteUserStateStoreTests(SqliteDatabaseFixture database)
    : UserStateStoreContract, IClassFixture<SqliteDatabaseFixture>
{
    [Fact]
    public async Task A_file_database_runs_in_wal_mode()
    {
        using var store = new SqliteUserStateStore(new SqliteUserStateStoreOptions { ConnectionString = database.ConnectionString });
        await store.EnsureCreatedAsync(CancellationToken.None);

        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", await command.ExecuteScalarAsync() as string);
    }

    [Fact]
    public async Task A_shared_in_memory_database_lives_as_long_as_the_store()
    {
        var name = "voicepay-" + Guid.NewGuid().ToString("N");
        using var store = new SqliteUserStateStore(new SqliteUserStateStoreOptions { ConnectionString = $"Data Source={name};Mode=Memory;Cache=Shared" });

        await store.SaveConversationAsync("user", "session", "{}", DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);

        Assert.Equal("{}", await store.GetConversationAsync("user", "session", CancellationToken.None));
    }

    [Fact]
    public void A_private_in_memory_database_is_refused_because_each_connection_would_see_another()
    {
        Assert.Throws<ArgumentException>(() =>
            new SqliteUserStateStore(new SqliteUserStateStoreOptions { ConnectionString = "Data Source=:memory:" }));
    }

    [Fact]
    public async Task The_registration_provides_the_store_as_the_port()
    {
        var services = new ServiceCollection().AddSqliteUserStateStore(database.ConnectionString).AddSingleton<TimeProvider>(Time);
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IUserStateStore>();
        await store.SaveConversationAsync("user", "session", "{}", Time.GetUtcNow().AddSeconds(1), CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(1));

        Assert.IsType<SqliteUserStateStore>(store);
        Assert.Null(await store.GetConversationAsync("user", "session", CancellationToken.None));
    }

    protected override IUserStateStore CreateStore() =>
        new SqliteUserStateStore(new SqliteUserStateStoreOptions { ConnectionString = database.ConnectionString }, Time);
}
