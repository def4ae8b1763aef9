using Microsoft.Extensions.Time.Testing;
using VoicePay.Skill.Domain;
using VoicePay.Skill.State;

namespace VoicePay.Storage.Tests;

/// <summary>
/// What every <see cref="IUserStateStore"/> must do. Each implementation's test class derives from this one
/// and says how to open a store on its database; every test uses its own user so tests never share state.
/// </summary>
public abstract class UserStateStoreContract : IAsyncLifetime
{
    private const int MaxAttempts = 3;
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly Money DailyLimit = Money.Of(100m, "USD");

    private readonly List<IUserStateStore> _stores = [];
    private readonly string _user = NewUserId();
    private IUserStateStore? _store;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    /// <summary>The store most tests use; opened on first use.</summary>
    private IUserStateStore Store => _store ??= NewStore();

    private static CancellationToken Ct => CancellationToken.None;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            (store as IDisposable)?.Dispose();
        }

        return Task.CompletedTask;
    }

    /// <summary>A new store instance on the same database, as a new process would open it; reads <see cref="Time"/>.</summary>
    protected abstract IUserStateStore CreateStore();

    // PIN

    [Fact]
    public async Task A_person_without_a_pin_has_no_pin_record()
    {
        Assert.Null(await Store.GetPinAsync(_user, Ct));
    }

    [Fact]
    public async Task A_stored_pin_comes_back_unchanged_with_no_attempts()
    {
        var pin = Pin(1);
        await Store.SetPinAsync(_user, pin, Ct);

        var record = await Store.GetPinAsync(_user, Ct);

        Assert.NotNull(record);
        AssertSamePin(pin, record.Pin);
        Assert.Equal(0, record.AttemptsSinceSuccess);
        Assert.False(record.IsLocked(MaxAttempts));
    }

    [Fact]
    public async Task Attempts_can_be_claimed_up_to_the_maximum_and_then_claim_nothing()
    {
        await Store.SetPinAsync(_user, Pin(1), Ct);

        for (var i = 0; i < MaxAttempts; i++)
        {
            Assert.True(await Store.TryClaimPinAttemptAsync(_user, MaxAttempts, Ct));
        }

        Assert.False(await Store.TryClaimPinAttemptAsync(_user, MaxAttempts, Ct));
        Assert.False(await Store.TryClaimPinAttemptAsync(_user, MaxAttempts, Ct));
        var record = await Store.GetPinAsync(_user, Ct);
        Assert.Equal(MaxAttempts, record!.AttemptsSinceSuccess);
        Assert.True(record.IsLocked(MaxAttempts));
    }

    [Fact]
    public async Task A_reset_after_a_correct_pin_starts_the_count_again()
    {
        await Store.SetPinAsync(_user, Pin(1), Ct);
        await Store.TryClaimPinAttemptAsync(_user, MaxAttempts, Ct);
        await Store.TryClaimPinAttemptAsync(_user, MaxAttempts, Ct);

        await Store.ResetPinAttemptsAsync(_user, Ct);

        Assert.Equal(0, (await Store.GetPinAsync(_user, Ct))!.AttemptsSinceSuccess);
        for (var i = 0; i < MaxAttempts; i++)
        {
            Assert.True(await Store.TryClaimPinAttemptAsync(_user, MaxAttempts, Ct));
        }
    }

    [Fact]
    public async Task A_reset_with_nothing_claimed_changes_nothing()
    {
        await Store.ResetPinAttemptsAsync(_user, Ct);
        Assert.Null(await Store.GetPinAsync(_user, Ct));

        await Store.SetPinAsync(_user, Pin(1), Ct);
        await Store.ResetPinAttemptsAsync(_user, Ct);
        Assert.Equal(0, (await Store.GetPinAsync(_user, Ct))!.AttemptsSinceSuccess);
    }

    [Fact]
    public async Task Enrolling_a_new_pin_replaces_the_old_one_and_lifts_the_lock()
    {
        await Store.SetPinAsync(_user, Pin(1), Ct);
        for (var i = 0; i < MaxAttempts; i++)
        {
            await Store.TryClaimPinAttemptAsync(_user, MaxAttempts, Ct);
        }

        var replacement = Pin(2);
        await Store.SetPinAsync(_user, replacement, Ct);

        var record = await Store.GetPinAsync(_user, Ct);
        AssertSamePin(replacement, record!.Pin);
        Assert.False(record.IsLocked(MaxAttempts));
        Assert.True(await Store.TryClaimPinAttemptAsync(_user, MaxAttempts, Ct));
    }

    [Fact]
    public async Task A_lock_survives_a_restart()
    {
        await Store.SetPinAsync(_user, Pin(1), Ct);
        for (var i = 0; i < MaxAttempts; i++)
        {
            await Store.TryClaimPinAttemptAsync(_user, MaxAttempts, Ct);
        }

        var afterRestart = NewStore();

        Assert.True((await afterRestart.GetPinAsync(_user, Ct))!.IsLocked(MaxAttempts));
        Assert.False(await afterRestart.TryClaimPinAttemptAsync(_user, MaxAttempts, Ct));
    }

    [Fact]
    public async Task Ten_parallel_claims_get_exactly_the_maximum()
    {
        await Store.SetPinAsync(_user, Pin(1), Ct);
        // Two instances, as two Lambda instances or two processes would be.
        IUserStateStore[] stores = [Store, NewStore()];

        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => stores[i % 2].TryClaimPinAttemptAsync(_user, MaxAttempts, Ct))));

        Assert.Equal(MaxAttempts, claims.Count(granted => granted));
        Assert.Equal(MaxAttempts, (await Store.GetPinAsync(_user, Ct))!.AttemptsSinceSuccess);
    }

    // Daily limit

    [Fact]
    public async Task Nothing_reserved_is_zero_in_the_asked_currency()
    {
        Assert.Equal(Money.Of(0m, "GBP"), await Store.GetDailyTotalAsync(_user, Today, "GBP", Ct));
    }

    [Fact]
    public async Task Reservations_add_up_for_the_day()
    {
        Assert.True(await Store.TryReserveDailyAmountAsync(_user, Today, "t1", Usd(20m), DailyLimit, Ct));
        Assert.True(await Store.TryReserveDailyAmountAsync(_user, Today, "t2", Usd(15.50m), DailyLimit, Ct));

        Assert.Equal(Usd(35.50m), await Store.GetDailyTotalAsync(_user, Today, "USD", Ct));
    }

    [Fact]
    public async Task Cents_add_up_exactly()
    {
        for (var i = 0; i < 10; i++)
        {
            Assert.True(await Store.TryReserveDailyAmountAsync(_user, Today, $"t{i}", Usd(0.10m), Usd(1.00m), Ct));
        }

        Assert.Equal(Usd(1.00m), await Store.GetDailyTotalAsync(_user, Today, "USD", Ct));
        Assert.False(await Store.TryReserveDailyAmountAsync(_user, Today, "t10", Usd(0.01m), Usd(1.00m), Ct));
    }

    [Fact]
    public async Task A_repeated_idempotency_key_is_counted_once()
    {
        Assert.True(await Store.TryReserveDailyAmountAsync(_user, Today, "t1", Usd(60m), DailyLimit, Ct));
        Assert.True(await Store.TryReserveDailyAmountAsync(_user, Today, "t1", Usd(60m), DailyLimit, Ct));

        Assert.Equal(Usd(60m), await Store.GetDailyTotalAsync(_user, Today, "USD", Ct));
    }

    [Fact]
    public async Task Reaching_the_limit_exactly_is_allowed_and_one_cent_more_is_not()
    {
        Assert.True(await Store.TryReserveDailyAmountAsync(_user, Today, "t1", Usd(60m), DailyLimit, Ct));
        Assert.True(await Store.TryReserveDailyAmountAsync(_user, Today, "t2", Usd(40m), DailyLimit, Ct));

        Assert.False(await Store.TryReserveDailyAmountAsync(_user, Today, "t3", Usd(0.01m), DailyLimit, Ct));
        Assert.Equal(DailyLimit, await Store.GetDailyTotalAsync(_user, Today, "USD", Ct));
    }

    [Fact]
    public async Task A_single_amount_above_the_limit_is_refused_and_adds_nothing()
    {
        Assert.False(await Store.TryReserveDailyAmountAsync(_user, Today, "t1", Usd(100.01m), DailyLimit, Ct));
        Assert.True(await Store.TryReserveDailyAmountAsync(_user, Today, "t2", Usd(10m), DailyLimit, Ct));
        Assert.False(await Store.TryReserveDailyAmountAsync(_user, Today, "t3", Usd(95m), DailyLimit, Ct));

        Assert.Equal(Usd(10m), await Store.GetDailyTotalAsync(_user, Today, "USD", Ct));
    }

    [Fact]
    public async Task A_released_reservation_gives_its_amount_back()
    {
        await Store.TryReserveDailyAmountAsync(_user, Today, "refused-by-bank", Usd(60m), DailyLimit, Ct);
        await Store.TryReserveDailyAmountAsync(_user, Today, "sent", Usd(30m), DailyLimit, Ct);

        await Store.ReleaseDailyAmountAsync(_user, Today, "refused-by-bank", Ct);

        Assert.Equal(Usd(30m), await Store.GetDailyTotalAsync(_user, Today, "USD", Ct));
        Assert.True(await Store.TryReserveDailyAmountAsync(_user, Today, "next", Usd(70m), DailyLimit, Ct));
    }

    [Fact]
    public async Task Releasing_twice_or_an_unknown_key_gives_back_nothing_more()
    {
        await Store.TryReserveDailyAmountAsync(_user, Today, "t1", Usd(60m), DailyLimit, Ct);
        await Store.TryReserveDailyAmountAsync(_user, Today, "t2", Usd(30m), DailyLimit, Ct);

        await Store.ReleaseDailyAmountAsync(_user, Today, "t1", Ct);
        await Store.ReleaseDailyAmountAsync(_user, Today, "t1", Ct);
        await Store.ReleaseDailyAmountAsync(_user, Today, "never-reserved", Ct);
        await Store.ReleaseDailyAmountAsync(_user, Today.AddDays(1), "t2", Ct);

        Assert.Equal(Usd(30m), await Store.GetDailyTotalAsync(_user, Today, "USD", Ct));
    }

    [Fact]
    public async Task A_released_key_can_be_reserved_again()
    {
        await Store.TryReserveDailyAmountAsync(_user, Today, "t1", Usd(60m), DailyLimit, Ct);
        await Store.ReleaseDailyAmountAsync(_user, Today, "t1", Ct);

        Assert.True(await Store.TryReserveDailyAmountAsync(_user, Today, "t1", Usd(60m), DailyLimit, Ct));
        Assert.Equal(Usd(60m), await Store.GetDailyTotalAsync(_user, Today, "USD", Ct));
    }

    [Fact]
    public async Task Each_day_has_its_own_total()
    {
        Assert.True(await Store.TryReserveDailyAmountAsync(_user, Today, "t1", Usd(100m), DailyLimit, Ct));
        Assert.True(await Store.TryReserveDailyAmountAsync(_user, Today.AddDays(1), "t2", Usd(100m), DailyLimit, Ct));

        Assert.Equal(Usd(100m), await Store.GetDailyTotalAsync(_user, Today, "USD", Ct));
        Assert.Equal(Usd(100m), await Store.GetDailyTotalAsync(_user, Today.AddDays(1), "USD", Ct));
        Assert.Equal(Usd(0m), await Store.GetDailyTotalAsync(_user, Today.AddDays(-1), "USD", Ct));
    }

    [Fact]
    public async Task Fifty_parallel_reservations_never_pass_the_limit()
    {
        IUserStateStore[] stores = [Store, NewStore()];
        var amount = Usd(7m);

        var granted = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => stores[i % 2].TryReserveDailyAmountAsync(_user, Today, $"t{i}", amount, DailyLimit, Ct))));

        var total = await Store.GetDailyTotalAsync(_user, Today, "USD", Ct);
        Assert.Equal(Usd(7m * granted.Count(g => g)), total);
        Assert.True(total <= DailyLimit);
        // Totals only grow, so a refusal means the next 7 no longer fitted: 14 × 7 = 98.
        Assert.Equal(14, granted.Count(g => g));
    }

    [Fact]
    public async Task An_amount_in_another_currency_than_the_limit_is_a_programming_error()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Store.TryReserveDailyAmountAsync(_user, Today, "t1", Money.Of(10m, "EUR"), DailyLimit, Ct));
        Assert.Equal(Usd(0m), await Store.GetDailyTotalAsync(_user, Today, "USD", Ct));
    }

    [Fact]
    public async Task A_day_keeps_the_currency_it_was_started_in()
    {
        await Store.TryReserveDailyAmountAsync(_user, Today, "t1", Usd(10m), DailyLimit, Ct);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            Store.TryReserveDailyAmountAsync(_user, Today, "t2", Money.Of(10m, "EUR"), Money.Of(100m, "EUR"), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.GetDailyTotalAsync(_user, Today, "EUR", Ct));
        Assert.Equal(Usd(10m), await Store.GetDailyTotalAsync(_user, Today, "USD", Ct));
    }

    [Fact]
    public async Task Only_positive_amounts_can_be_reserved()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Store.TryReserveDailyAmountAsync(_user, Today, "t1", Usd(0m), DailyLimit, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Store.TryReserveDailyAmountAsync(_user, Today, "t2", Usd(-5m), DailyLimit, Ct));
    }

    // Conversation

    [Fact]
    public async Task No_conversation_state_before_one_is_saved()
    {
        Assert.Null(await Store.GetConversationAsync(_user, "session-1", Ct));
    }

    [Fact]
    public async Task Saved_conversation_state_is_read_back_and_overwritten()
    {
        var expiresAt = Time.GetUtcNow().AddMinutes(10);
        await Store.SaveConversationAsync(_user, "session-1", """{"step":"confirm"}""", expiresAt, Ct);
        Assert.Equal("""{"step":"confirm"}""", await Store.GetConversationAsync(_user, "session-1", Ct));

        await Store.SaveConversationAsync(_user, "session-1", """{"step":"done"}""", expiresAt, Ct);
        Assert.Equal("""{"step":"done"}""", await Store.GetConversationAsync(_user, "session-1", Ct));
        Assert.Null(await Store.GetConversationAsync(_user, "session-2", Ct));
    }

    [Fact]
    public async Task Deleted_conversation_state_is_gone()
    {
        await Store.SaveConversationAsync(_user, "session-1", "{}", Time.GetUtcNow().AddMinutes(10), Ct);

        await Store.DeleteConversationAsync(_user, "session-1", Ct);
        await Store.DeleteConversationAsync(_user, "never-saved", Ct);

        Assert.Null(await Store.GetConversationAsync(_user, "session-1", Ct));
    }

    [Fact]
    public async Task Conversation_state_saved_already_expired_is_not_read()
    {
        await Store.SaveConversationAsync(_user, "session-1", "{}", Time.GetUtcNow().AddMinutes(-1), Ct);

        Assert.Null(await Store.GetConversationAsync(_user, "session-1", Ct));
    }

    [Fact]
    public async Task Conversation_state_expires_when_its_time_passes()
    {
        await Store.SaveConversationAsync(_user, "session-1", "{}", Time.GetUtcNow().AddMinutes(10), Ct);

        Time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal("{}", await Store.GetConversationAsync(_user, "session-1", Ct));

        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await Store.GetConversationAsync(_user, "session-1", Ct));

        // Saving again with a new expiry brings it back, even after a cleanup could have run.
        await Store.SaveConversationAsync(_user, "session-2", "{}", Time.GetUtcNow().AddMinutes(10), Ct);
        await Store.SaveConversationAsync(_user, "session-1", """{"n":2}""", Time.GetUtcNow().AddMinutes(10), Ct);
        Assert.Equal("""{"n":2}""", await Store.GetConversationAsync(_user, "session-1", Ct));
    }

    // Isolation

    [Fact]
    public async Task One_persons_state_never_touches_anothers()
    {
        var other = NewUserId();
        await Store.SetPinAsync(_user, Pin(1), Ct);
        await Store.SetPinAsync(other, Pin(2), Ct);
        for (var i = 0; i < MaxAttempts; i++)
        {
            await Store.TryClaimPinAttemptAsync(_user, MaxAttempts, Ct);
        }

        await Store.TryReserveDailyAmountAsync(_user, Today, "same-key", Usd(100m), DailyLimit, Ct);
        await Store.SaveConversationAsync(_user, "same-session", "mine", Time.GetUtcNow().AddMinutes(10), Ct);

        var others = await Store.GetPinAsync(other, Ct);
        AssertSamePin(Pin(2), others!.Pin);
        Assert.Equal(0, others.AttemptsSinceSuccess);
        Assert.True(await Store.TryClaimPinAttemptAsync(other, MaxAttempts, Ct));
        Assert.Equal(Usd(0m), await Store.GetDailyTotalAsync(other, Today, "USD", Ct));
        Assert.True(await Store.TryReserveDailyAmountAsync(other, Today, "same-key", Usd(100m), DailyLimit, Ct));
        Assert.Null(await Store.GetConversationAsync(other, "same-session", Ct));
        Assert.Equal("mine", await Store.GetConversationAsync(_user, "same-session", Ct));
    }

    private static string NewUserId() => "amzn1.ask.account." + Guid.NewGuid().ToString("N");

    private static Money Usd(decimal amount) => Money.Of(amount, "USD");

    private static StoredPin Pin(byte seed) =>
        new("PBKDF2-HMACSHA256", [seed, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], [.. Enumerable.Range(seed, 32).Select(b => (byte)b)], 210_000 + seed);

    private static void AssertSamePin(StoredPin expected, StoredPin actual)
    {
        Assert.Equal(expected.Algorithm, actual.Algorithm);
        Assert.Equal(expected.Salt, actual.Salt);
        Assert.Equal(expected.Hash, actual.Hash);
        Assert.Equal(expected.Iterations, actual.Iterations);
    }

    private IUserStateStore NewStore()
    {
        var store = CreateStore();
        _stores.Add(store);
        return store;
    }
}
