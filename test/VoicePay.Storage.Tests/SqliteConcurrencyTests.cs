using Microsoft.Data.Sqlite;
using VoicePay.Skill.Domain;
using VoicePay.Skill.State;
using VoicePay.Storage.Sqlite;

namespace VoicePay.Storage.Tests;

/// <summary>
/// Correctness of the SQLite store's connection handling under concurrent turns: pooled connections,
/// the in-process write gate, and the busy timeout for other processes. Nothing here measures speed
/// (that lives in bench/); each test would fail, hang into its guard timeout, or throw if the
/// handling regressed.
/// </summary>
public sealed class SqliteConcurrencyTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>, IDisposable
{
    // A guard against a leaked write gate (a hang), not a speed requirement.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly CancellationToken Ct = CancellationToken.None;

    private readonly List<SqliteUserStateStore> _stores = [];

    [Fact]
    public async Task Many_parallel_turns_of_many_people_on_two_stores_each_keep_their_own_state()
    {
        SqliteUserStateStore[] stores = [NewStore(), NewStore()];
        var users = Enumerable.Range(0, 40).Select(_ => "amzn1.ask.account." + Guid.NewGuid().ToString("N")).ToArray();
        var expires = DateTimeOffset.UtcNow.AddMinutes(10);

        // Each "turn" reads, writes and reads again, as a PIN prompt or a balance turn does.
        var turns = Enumerable.Range(0, 400).Select(i => Task.Run(async () =>
        {
            var store = stores[i % 2];
            var user = users[i % users.Length];
            var session = "session-" + (i % 5);
            _ = await store.GetConversationAsync(user, session, Ct);
            await store.SaveConversationAsync(user, session, $$"""{"user":"{{user}}","session":"{{session}}"}""", expires, Ct);
            _ = await store.GetPinAsync(PinHolder.Account(user), Ct);
            return await store.GetConversationAsync(user, session, Ct);
        }));

        var results = await Task.WhenAll(turns).WaitAsync(HangGuard);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal($$"""{"user":"{{users[i % users.Length]}}","session":"{{"session-" + (i % 5)}}"}""", results[i]);
        }
    }

    [Fact]
    public async Task Parallel_claims_and_reservations_mixed_with_reads_stay_within_their_limits()
    {
        SqliteUserStateStore[] stores = [NewStore(), NewStore()];
        var user = "amzn1.ask.account." + Guid.NewGuid().ToString("N");
        await stores[0].SetPinAsync(PinHolder.Account(user), new StoredPin("PBKDF2-HMACSHA256", new byte[16], new byte[32], 100_000), Ct);
        var limit = Money.Of(100m, "USD");
        var now = DateTimeOffset.UtcNow;

        var work = Enumerable.Range(0, 120).Select(i => Task.Run(async () =>
        {
            var store = stores[i % 2];
            switch (i % 4)
            {
                case 0:
                    return await store.UpdatePinAttemptsAsync(PinHolder.Account(user), w => w.Claim($"request-{i}", 3, now), Ct) == PinClaimResult.Claimed ? "claim" : "no-claim";
                case 1:
                    return await store.TryReserveDailyAmountAsync(user, Today, $"k{i}", Money.Of(7m, "USD"), limit, Ct) ? "reserve" : "no-reserve";
                case 2:
                    _ = await store.GetDailyTotalAsync(user, Today, "USD", Ct);
                    return "read";
                default:
                    _ = await store.GetPinAsync(PinHolder.Account(user), Ct);
                    return "read";
            }
        }));

        var outcomes = await Task.WhenAll(work).WaitAsync(HangGuard);

        // Three claims fill the window (the rest are Busy while they are pending); 14 × 7 = 98 fits under 100.
        Assert.Equal(3, outcomes.Count(o => o == "claim"));
        Assert.Equal(14, outcomes.Count(o => o == "reserve"));
        Assert.Equal(Money.Of(98m, "USD"), await stores[0].GetDailyTotalAsync(user, Today, "USD", Ct));
        Assert.Equal(3, (await stores[1].GetPinAsync(PinHolder.Account(user), Ct))!.Attempts.Claims.Count);
    }

    [Fact]
    public async Task A_write_that_fails_inside_its_transaction_does_not_block_the_next_writes()
    {
        var store = NewStore();
        var user = "amzn1.ask.account." + Guid.NewGuid().ToString("N");
        await store.TryReserveDailyAmountAsync(user, Today, "usd", Money.Of(10m, "USD"), Money.Of(100m, "USD"), Ct);

        // Throws while holding the write lease (the day is in USD): the lease must still be given back.
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<ArgumentException>(() =>
                store.TryReserveDailyAmountAsync(user, Today, "eur" + i, Money.Of(10m, "EUR"), Money.Of(100m, "EUR"), Ct));
        }

        await store.SaveConversationAsync(user, "s", "after", DateTimeOffset.UtcNow.AddMinutes(5), Ct).WaitAsync(HangGuard);
        Assert.True(await store.TryReserveDailyAmountAsync(user, Today, "usd-2", Money.Of(5m, "USD"), Money.Of(100m, "USD"), Ct).WaitAsync(HangGuard));
        Assert.Equal("after", await store.GetConversationAsync(user, "s", Ct));
    }

    [Fact]
    public async Task A_cancelled_wait_for_the_write_gate_gives_nothing_away_and_later_writes_succeed()
    {
        var store = NewStore();
        var user = "amzn1.ask.account." + Guid.NewGuid().ToString("N");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            store.SaveConversationAsync(user, "s", "never", DateTimeOffset.UtcNow.AddMinutes(5), cancelled.Token));

        await store.SaveConversationAsync(user, "s", "kept", DateTimeOffset.UtcNow.AddMinutes(5), Ct).WaitAsync(HangGuard);
        Assert.Equal("kept", await store.GetConversationAsync(user, "s", Ct));
    }

    [Fact]
    public async Task A_write_waits_for_another_process_holding_the_write_lock_instead_of_failing()
    {
        var store = NewStore();
        var user = "amzn1.ask.account." + Guid.NewGuid().ToString("N");
        await store.EnsureCreatedAsync(Ct);

        // Another process (the CLI enrolling a PIN, a second host) holds the file's write lock for a while.
        await using var other = new SqliteConnection(database.ConnectionString + ";Pooling=False");
        await other.OpenAsync();
        await using var lockHolder = other.BeginTransaction(deferred: false);
        await using (var insert = other.CreateCommand())
        {
            insert.Transaction = lockHolder;
            insert.CommandText = "INSERT INTO conversations (user_id, session_id, state, expires_at) VALUES ($u, 'other', 'x', 9999999999999);";
            insert.Parameters.AddWithValue("$u", user);
            await insert.ExecuteNonQueryAsync();
        }

        // On other threads: SQLite waits for the lock inside the call.
        var write = Task.Run(() => store.SaveConversationAsync(user, "s", "mine", DateTimeOffset.UtcNow.AddMinutes(5), Ct));
        var read = Task.Run(() => store.GetConversationAsync(user, "other", Ct));
        Assert.Null(await read.WaitAsync(HangGuard)); // a reader is not held up, and does not see uncommitted rows
        await Task.Delay(200);
        await lockHolder.CommitAsync();

        await write.WaitAsync(HangGuard);
        Assert.Equal("mine", await store.GetConversationAsync(user, "s", Ct));
        Assert.Equal("x", await store.GetConversationAsync(user, "other", Ct));
    }

    [Fact]
    public async Task A_shared_in_memory_database_takes_parallel_reads_and_writes()
    {
        var name = "voicepay-" + Guid.NewGuid().ToString("N");
        using var store = new SqliteUserStateStore(new SqliteUserStateStoreOptions { ConnectionString = $"Data Source={name};Mode=Memory;Cache=Shared" });
        var expires = DateTimeOffset.UtcNow.AddMinutes(5);

        var turns = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            await store.SaveConversationAsync("user" + (i % 10), "s", "v" + (i % 10), expires, Ct);
            return await store.GetConversationAsync("user" + (i % 10), "s", Ct);
        }));

        var results = await Task.WhenAll(turns).WaitAsync(HangGuard);
        Assert.All(results.Select((r, i) => (r, i)), x => Assert.Equal("v" + (x.i % 10), x.r));
    }

    [Fact]
    public async Task A_disposed_store_refuses_new_work_and_releases_its_connections()
    {
        var store = new SqliteUserStateStore(new SqliteUserStateStoreOptions { ConnectionString = database.ConnectionString });
        await store.SaveConversationAsync("user", "s", "v", DateTimeOffset.UtcNow.AddMinutes(5), Ct);

        store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetConversationAsync("user", "s", Ct));
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }
    }

    private SqliteUserStateStore NewStore()
    {
        var store = new SqliteUserStateStore(new SqliteUserStateStoreOptions { ConnectionString = database.ConnectionString });
        _stores.Add(store);
        return store;
    }
}
