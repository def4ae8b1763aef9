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

    protected override IAlertStore CreateStore() =>
        new SqliteUserStateStore(new SqliteUserStateStoreOptions { ConnectionString = _database.ConnectionString }, Time);
}
