using Microsoft.Extensions.DependencyInjection;
using VoicePay.Skill.State;
using VoicePay.Storage.Sqlite;

namespace VoicePay.Storage.Tests;

public sealed class SqliteTransferJournalTests(SqliteDatabaseFixture database)
    : TransferJournalContract, IClassFixture<SqliteDatabaseFixture>
{
    [Fact]
    public async Task The_registration_provides_the_store_as_the_journal()
    {
        await using var provider = new ServiceCollection().AddSqliteUserStateStore(database.ConnectionString).BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<IUserStateStore>(), provider.GetRequiredService<ITransferJournal>());
    }

    protected override ITransferJournal CreateStore() =>
        new SqliteUserStateStore(new SqliteUserStateStoreOptions { ConnectionString = database.ConnectionString });
}
