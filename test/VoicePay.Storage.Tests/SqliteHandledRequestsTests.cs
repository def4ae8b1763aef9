using VoicePay.Storage.Sqlite;

namespace VoicePay.Storage.Tests;

public sealed class SqliteHandledRequestsTests : HandledRequestsContract<SqliteUserStateStore>, IDisposable
{
    private readonly SqliteDatabaseFixture _database = new();

    // xunit disposes the test class after DisposeAsync, so the stores are closed before the file goes.
    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task The_sweep_deletes_answers_past_their_window()
    {
        var store = NewStore();
        var now = Time.GetUtcNow();
        await store.TryClaimRequestAsync("user", "request", now, now.AddSeconds(150), CancellationToken.None);
        await store.SaveResponseAsync("user", "request", [1], now.AddSeconds(150), CancellationToken.None);

        Assert.Equal(0, await store.SweepAsync(now.AddSeconds(149), CancellationToken.None));
        Assert.Equal(1, await store.SweepAsync(now.AddSeconds(150), CancellationToken.None));
    }

    protected override SqliteUserStateStore CreateStore() =>
        new(new SqliteUserStateStoreOptions { ConnectionString = _database.ConnectionString }, Time);
}
