using VoicePay.Skill.Domain;
using VoicePay.Skill.State;

namespace VoicePay.Storage.Tests;

/// <summary>
/// What every <see cref="IUserStateStore"/> must do. Each implementation's test class derives from this one
/// and says how to open a store on its database; every test uses its own user so tests never share state.
/// </summary>
public abstract partial class UserStateStoreContract : StoreContract<IUserStateStore>
{
    private const int MaxAttempts = 3;
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly Money DailyLimit = Money.Of(100m, "USD");

    private readonly string _user = NewUserId();
    private IUserStateStore? _store;

    /// <summary>The store most tests use; opened on first use.</summary>
    private IUserStateStore Store => _store ??= NewStore();

    // PIN

    [Fact]
    public async Task A_person_without_a_pin_has_no_pin_record()
    {
        Assert.Null(await Store.GetPinAsync(PinHolder.Account(_user), Ct));
    }

    [Fact]
    public async Task A_stored_pin_comes_back_unchanged_with_an_empty_attempt_window()
    {
        var pin = Pin(1);
        await Store.SetPinAsync(PinHolder.Account(_user), pin, Ct);

        var record = await Store.GetPinAsync(PinHolder.Account(_user), Ct);

        Assert.NotNull(record);
        AssertSamePin(pin, record.Pin);
        Assert.Empty(record.Attempts.Claims);
        Assert.False(record.IsLocked(MaxAttempts, Now));
    }

    [Fact]
    public async Task Wrong_pins_lock_after_the_maximum_and_then_even_a_new_request_is_locked_out()
    {
        await Store.SetPinAsync(PinHolder.Account(_user), Pin(1), Ct);

        for (var i = 0; i < MaxAttempts; i++)
        {
            Assert.Equal(PinClaimResult.Claimed, await ClaimAsync(Store, $"wrong-{i}"));
            Assert.Equal(i + 1, await CompleteAsync(Store, $"wrong-{i}", correct: false));
        }

        Assert.Equal(PinClaimResult.Locked, await ClaimAsync(Store, "right-pin-too-late"));
        var record = await Store.GetPinAsync(PinHolder.Account(_user), Ct);
        Assert.True(record!.IsLocked(MaxAttempts, Now));
        Assert.Equal(MaxAttempts, record.Attempts.WrongCount(Now));
        Assert.DoesNotContain(record.Attempts.Claims, c => c.RequestId == "right-pin-too-late");
    }

    [Fact]
    public async Task Ten_parallel_claims_never_exceed_the_maximum()
    {
        await Store.SetPinAsync(PinHolder.Account(_user), Pin(1), Ct);
        // Two instances, as two Lambda instances or two processes would be.
        IUserStateStore[] stores = [Store, NewStore()];

        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => ClaimAsync(stores[i % 2], $"request-{i}"))));

        Assert.Equal(MaxAttempts, claims.Count(c => c == PinClaimResult.Claimed));
        // The others find the window full of attempts still being compared: busy, not locked.
        Assert.All(claims.Where(c => c != PinClaimResult.Claimed), c => Assert.Equal(PinClaimResult.Busy, c));
        Assert.Equal(MaxAttempts, (await WindowAsync(Store)).Claims.Count);
    }

    [Fact]
    public async Task Ten_parallel_wrong_guesses_get_no_more_than_the_maximum_compared()
    {
        await Store.SetPinAsync(PinHolder.Account(_user), Pin(1), Ct);
        IUserStateStore[] stores = [Store, NewStore()];

        var compared = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            var store = stores[i % 2];
            if (await ClaimAsync(store, $"guess-{i}") != PinClaimResult.Claimed)
            {
                return false;
            }

            await CompleteAsync(store, $"guess-{i}", correct: false);
            return true;
        })));

        Assert.Equal(MaxAttempts, compared.Count(c => c));
        Assert.Equal(PinClaimResult.Locked, await ClaimAsync(Store, "one-more"));
    }

    [Fact]
    public async Task Parallel_changes_are_never_lost()
    {
        // With room for every claim, each of them must land with its own sequence number: no write overwrote another.
        IUserStateStore[] stores = [Store, NewStore()];

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => stores[i % 2].UpdatePinAttemptsAsync(PinHolder.Account(_user), w => w.Claim($"request-{i}", 100, Now), Ct))));

        var window = await WindowAsync(Store);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"request-{i}").Order(), window.Claims.Select(c => c.RequestId).Order());
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), window.Claims.Select(c => c.Seq).Order());
        Assert.Equal(13, window.NextSeq);
    }

    [Fact]
    public async Task A_retried_request_counts_once()
    {
        await Store.SetPinAsync(PinHolder.Account(_user), Pin(1), Ct);

        Assert.Equal(PinClaimResult.Claimed, await ClaimAsync(Store, "request-1"));
        Assert.Equal(PinClaimResult.Repeat, await ClaimAsync(NewStore(), "request-1"));
        Assert.Equal(1, await CompleteAsync(Store, "request-1", correct: false));

        // Retried after its PIN was found wrong: answered from the window, nothing compared or counted.
        Assert.Equal(PinClaimResult.AlreadyWrong, await ClaimAsync(Store, "request-1"));
        Assert.Equal(1, await CompleteAsync(Store, "request-1", correct: false));

        var window = await WindowAsync(Store);
        Assert.Single(window.Claims);
        Assert.Equal(1, window.WrongCount(Now));
    }

    [Fact]
    public async Task A_request_retried_in_parallel_is_claimed_once()
    {
        await Store.SetPinAsync(PinHolder.Account(_user), Pin(1), Ct);
        IUserStateStore[] stores = [Store, NewStore()];

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => ClaimAsync(stores[i % 2], "the-same-request"))));

        Assert.Equal(1, claims.Count(c => c == PinClaimResult.Claimed));
        Assert.All(claims.Where(c => c != PinClaimResult.Claimed), c => Assert.Equal(PinClaimResult.Repeat, c));
        Assert.Single((await WindowAsync(Store)).Claims);
    }

    [Fact]
    public async Task A_correct_pin_clears_the_wrong_pins_finished_before_it_was_claimed()
    {
        await Store.SetPinAsync(PinHolder.Account(_user), Pin(1), Ct);
        for (var i = 0; i < MaxAttempts - 1; i++)
        {
            await ClaimAsync(Store, $"wrong-{i}");
            await CompleteAsync(Store, $"wrong-{i}", correct: false);
        }

        Assert.Equal(PinClaimResult.Claimed, await ClaimAsync(Store, "right"));
        Assert.Equal(0, await CompleteAsync(Store, "right", correct: true));

        Assert.Empty((await Store.GetPinAsync(PinHolder.Account(_user), Ct))!.Attempts.Claims);
    }

    [Fact]
    public async Task A_correct_pin_keeps_a_wrong_pin_claimed_after_it()
    {
        await Store.SetPinAsync(PinHolder.Account(_user), Pin(1), Ct);
        await ClaimAsync(Store, "right");
        await ClaimAsync(NewStore(), "wrong");
        await CompleteAsync(NewStore(), "wrong", correct: false);

        await CompleteAsync(Store, "right", correct: true);

        var window = await WindowAsync(Store);
        Assert.Equal("wrong", Assert.Single(window.Claims).RequestId);
        Assert.Equal(1, window.WrongCount(Now));
    }

    [Fact]
    public async Task A_correct_pin_keeps_a_wrong_pin_still_being_compared()
    {
        await Store.SetPinAsync(PinHolder.Account(_user), Pin(1), Ct);
        await ClaimAsync(NewStore(), "wrong");
        await ClaimAsync(Store, "right");

        await CompleteAsync(Store, "right", correct: true);
        await CompleteAsync(NewStore(), "wrong", correct: false);

        var window = await WindowAsync(Store);
        Assert.Equal("wrong", Assert.Single(window.Claims).RequestId);
        Assert.Equal(1, window.WrongCount(Now));
    }

    [Fact]
    public async Task Correct_pins_completing_together_are_not_counted_wrong()
    {
        await Store.SetPinAsync(PinHolder.Account(_user), Pin(1), Ct);
        IUserStateStore[] stores = [Store, NewStore()];
        var requests = Enumerable.Range(0, MaxAttempts).Select(i => $"right-{i}").ToArray();

        var claims = await Task.WhenAll(requests.Select((r, i) => Task.Run(() => ClaimAsync(stores[i % 2], r))));
        var wrongAfter = await Task.WhenAll(requests.Select((r, i) => Task.Run(() => CompleteAsync(stores[(i + 1) % 2], r, correct: true))));

        Assert.All(claims, c => Assert.Equal(PinClaimResult.Claimed, c));
        Assert.All(wrongAfter, wrong => Assert.Equal(0, wrong));
        var record = await Store.GetPinAsync(PinHolder.Account(_user), Ct);
        Assert.Empty(record!.Attempts.Claims);
        Assert.False(record.IsLocked(MaxAttempts, Now));
    }

    [Fact]
    public async Task Attempts_left_pending_by_a_crash_count_as_wrong_once_stale_even_after_a_restart()
    {
        await Store.SetPinAsync(PinHolder.Account(_user), Pin(1), Ct);
        for (var i = 0; i < MaxAttempts; i++)
        {
            await ClaimAsync(Store, $"crashed-{i}");
        }

        var afterRestart = NewStore();
        var record = await afterRestart.GetPinAsync(PinHolder.Account(_user), Ct);

        Assert.False(record!.IsLocked(MaxAttempts, Now));
        Assert.True(record.IsLocked(MaxAttempts, Now + PinAttemptWindow.PendingTimeout));
    }

    [Fact]
    public async Task A_lock_survives_a_restart()
    {
        await Store.SetPinAsync(PinHolder.Account(_user), Pin(1), Ct);
        for (var i = 0; i < MaxAttempts; i++)
        {
            await ClaimAsync(Store, $"wrong-{i}");
            await CompleteAsync(Store, $"wrong-{i}", correct: false);
        }

        var afterRestart = NewStore();

        Assert.True((await afterRestart.GetPinAsync(PinHolder.Account(_user), Ct))!.IsLocked(MaxAttempts, Now));
        Assert.Equal(PinClaimResult.Locked, await ClaimAsync(afterRestart, "after-restart"));
    }

    [Fact]
    public async Task Enrolling_a_new_pin_replaces_the_old_one_and_empties_the_window()
    {
        await Store.SetPinAsync(PinHolder.Account(_user), Pin(1), Ct);
        for (var i = 0; i < MaxAttempts; i++)
        {
            await ClaimAsync(Store, $"wrong-{i}");
            await CompleteAsync(Store, $"wrong-{i}", correct: false);
        }

        var replacement = Pin(2);
        await Store.SetPinAsync(PinHolder.Account(_user), replacement, Ct);

        var record = await Store.GetPinAsync(PinHolder.Account(_user), Ct);
        AssertSamePin(replacement, record!.Pin);
        Assert.Empty(record.Attempts.Claims);
        Assert.False(record.IsLocked(MaxAttempts, Now));
        Assert.Equal(PinClaimResult.Claimed, await ClaimAsync(Store, "after-enrolment"));
        Assert.Equal(PinClaimResult.Claimed, await ClaimAsync(NewStore(), "after-enrolment-elsewhere"));
    }

    [Fact]
    public async Task Attempts_claimed_before_enrolment_read_as_no_pin_and_enrolment_empties_them()
    {
        Assert.Equal(PinClaimResult.Claimed, await ClaimAsync(Store, "early"));
        Assert.Null(await Store.GetPinAsync(PinHolder.Account(_user), Ct));

        await Store.SetPinAsync(PinHolder.Account(_user), Pin(1), Ct);

        Assert.Empty((await Store.GetPinAsync(PinHolder.Account(_user), Ct))!.Attempts.Claims);
    }

    [Fact]
    public async Task Completing_an_attempt_never_claimed_changes_nothing()
    {
        await Store.SetPinAsync(PinHolder.Account(_user), Pin(1), Ct);
        await ClaimAsync(Store, "claimed");

        await CompleteAsync(Store, "never-claimed", correct: true);
        await CompleteAsync(Store, "never-claimed-either", correct: false);

        var window = await WindowAsync(Store);
        Assert.Equal("claimed", Assert.Single(window.Claims).RequestId);
        Assert.Equal(PinAttemptStatus.Pending, window.Claims[0].Status);
    }

    [Fact]
    public async Task A_change_that_throws_leaves_the_window_as_it_was()
    {
        await Store.SetPinAsync(PinHolder.Account(_user), Pin(1), Ct);
        await ClaimAsync(Store, "claimed");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.UpdatePinAttemptsAsync<int>(
            PinHolder.Account(_user), _ => throw new InvalidOperationException("the change failed"), Ct));

        Assert.Equal("claimed", Assert.Single((await WindowAsync(NewStore())).Claims).RequestId);
        Assert.Equal(PinClaimResult.Claimed, await ClaimAsync(Store, "next"));
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
    public async Task Parallel_first_reservations_of_a_day_with_room_for_all_are_all_granted()
    {
        // Every caller finds the day's item missing; whoever creates it, nobody may be told "over the limit".
        IUserStateStore[] stores = [Store, NewStore()];

        var granted = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => stores[i % 2].TryReserveDailyAmountAsync(_user, Today, $"t{i}", Usd(5m), DailyLimit, Ct))));

        Assert.All(granted, Assert.True);
        Assert.Equal(DailyLimit, await Store.GetDailyTotalAsync(_user, Today, "USD", Ct));
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
        await Store.SetPinAsync(PinHolder.Account(_user), Pin(1), Ct);
        await Store.SetPinAsync(PinHolder.Account(other), Pin(2), Ct);
        for (var i = 0; i < MaxAttempts; i++)
        {
            await ClaimAsync(Store, $"same-request-{i}");
            await CompleteAsync(Store, $"same-request-{i}", correct: false);
        }

        await Store.TryReserveDailyAmountAsync(_user, Today, "same-key", Usd(100m), DailyLimit, Ct);
        await Store.SaveConversationAsync(_user, "same-session", "mine", Time.GetUtcNow().AddMinutes(10), Ct);

        var others = await Store.GetPinAsync(PinHolder.Account(other), Ct);
        AssertSamePin(Pin(2), others!.Pin);
        Assert.Empty(others.Attempts.Claims);
        Assert.Equal(
            PinClaimResult.Claimed,
            await Store.UpdatePinAttemptsAsync(PinHolder.Account(other), w => w.Claim("same-request-0", MaxAttempts, Now), Ct));
        Assert.True((await Store.GetPinAsync(PinHolder.Account(_user), Ct))!.IsLocked(MaxAttempts, Now));
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

    private Task<PinClaimResult> ClaimAsync(IUserStateStore store, string requestId) =>
        store.UpdatePinAttemptsAsync(PinHolder.Account(_user), window => window.Claim(requestId, MaxAttempts, Now), Ct);

    /// <summary>Completes a claimed attempt; returns the wrong attempts counted afterwards.</summary>
    private Task<int> CompleteAsync(IUserStateStore store, string requestId, bool correct) =>
        store.UpdatePinAttemptsAsync(
            PinHolder.Account(_user),
            window =>
            {
                var after = window.Complete(requestId, correct, Now);
                return (after, after.WrongCount(Now));
            },
            Ct);

    /// <summary>The window as stored (an identity change), whether or not a PIN is enrolled.</summary>
    private Task<PinAttemptWindow> WindowAsync(IUserStateStore store) =>
        store.UpdatePinAttemptsAsync(PinHolder.Account(_user), window => (window, window), Ct);

}
