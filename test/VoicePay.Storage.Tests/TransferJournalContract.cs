using VoicePay.Skill.State;

namespace VoicePay.Storage.Tests;

/// <summary>
/// What every <see cref="ITransferJournal"/> must do. Each adapter's test class derives from this one and says
/// how to open a journal on its database; every test uses its own person so tests never share state.
/// </summary>
public abstract class TransferJournalContract : StoreContract<ITransferJournal>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private static readonly JournalState[] States = Enum.GetValues<JournalState>();

    private readonly string _user = NewUserId();
    private ITransferJournal? _journal;

    private ITransferJournal Journal => _journal ??= NewStore();


    [Fact]
    public async Task Nothing_is_found_before_anything_is_begun()
    {
        Assert.Null(await Journal.FindAsync(_user, "never", Ct));
        Assert.Empty(await Journal.UnresolvedAsync(_user, Ct));
    }

    [Fact]
    public async Task A_begun_transfer_is_stored_pending_and_read_back_whole()
    {
        var entry = Entry("k1") with { PayeeName = "Tom & Jerry's \"Café\" <José>", FromAccountName = "Everyday checking" };

        var (stored, created) = await Journal.BeginAsync(entry, Ct);

        Assert.True(created);
        Assert.Equal(entry, stored);
        Assert.Equal(entry, await Journal.FindAsync(_user, "k1", Ct));
        Assert.Null(stored.TransferId);
        Assert.Null(stored.DeclineReason);
    }

    [Fact]
    public async Task Begin_returns_the_entry_as_stored()
    {
        // Times are kept to the millisecond; what BeginAsync returns is what FindAsync will read.
        var entry = Entry("k1") with { CreatedAt = Start.AddTicks(12_345), UpdatedAt = Start.AddTicks(12_345) };

        var (stored, _) = await Journal.BeginAsync(entry, Ct);

        Assert.Equal(await Journal.FindAsync(_user, "k1", Ct), stored);
    }

    [Fact]
    public async Task Begin_is_idempotent_and_returns_what_was_stored_first()
    {
        var first = Entry("k1");
        await Journal.BeginAsync(first, Ct);
        await Journal.AdvanceAsync(_user, "k1", JournalState.Unknown, null, null, Start.AddSeconds(1), Ct);

        var (again, created) = await NewStore().BeginAsync(first with { Amount = 99m, PayeeName = "Someone else", CreatedAt = Start.AddMinutes(5) }, Ct);

        Assert.False(created);
        Assert.Equal(first with { State = JournalState.Unknown, UpdatedAt = Start.AddSeconds(1) }, again);
        Assert.Equal(again, await Journal.FindAsync(_user, "k1", Ct));
    }

    [Fact]
    public async Task Parallel_begins_of_one_key_create_it_once()
    {
        ITransferJournal[] journals = [Journal, NewStore()];

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => journals[i % 2].BeginAsync(Entry("k1") with { Amount = 10m + i }, Ct))));

        Assert.Single(results, r => r.Created);
        var winner = results.Single(r => r.Created).Entry;
        Assert.All(results, r => Assert.Equal(winner, r.Entry));
        Assert.Equal(winner, await Journal.FindAsync(_user, "k1", Ct));
    }

    [Fact]
    public async Task Only_a_pending_entry_or_one_declined_with_a_reason_and_a_positive_amount_can_be_begun()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Journal.BeginAsync(Entry("k1") with { State = JournalState.Sent }, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Journal.BeginAsync(Entry("k2") with { Amount = 0m }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Journal.BeginAsync(Entry("k3") with { State = JournalState.Declined }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Journal.BeginAsync(Entry("k4") with { State = JournalState.Unknown }, Ct));

        Assert.Null(await Journal.FindAsync(_user, "k1", Ct));
        Assert.Null(await Journal.FindAsync(_user, "k2", Ct));
        Assert.Null(await Journal.FindAsync(_user, "k3", Ct));
        Assert.Null(await Journal.FindAsync(_user, "k4", Ct));
    }

    [Fact]
    public async Task An_entry_declined_before_any_bank_call_is_stored_settled_and_wins_over_a_later_begin()
    {
        // A launch abandons a confirmed payment in one write; a PIN said later in the old session must find it declined.
        var abandoned = Entry("k1") with { State = JournalState.Declined, DeclineReason = "Abandoned" };

        var (stored, created) = await Journal.BeginAsync(abandoned, Ct);
        Assert.True(created);
        Assert.Equal(abandoned, stored);
        Assert.Equal(abandoned, await Journal.FindAsync(_user, "k1", Ct));
        Assert.Empty(await Journal.UnresolvedAsync(_user, Ct));

        var (later, again) = await Journal.BeginAsync(Entry("k1"), Ct);
        Assert.False(again);
        Assert.Equal(JournalState.Declined, later.State);
        Assert.Equal("Abandoned", later.DeclineReason);
    }

    [Fact]
    public async Task Every_pair_of_states_moves_exactly_as_the_rule_says()
    {
        foreach (var from in States)
        {
            foreach (var to in States)
            {
                var key = $"{from}-{to}";
                await Journal.BeginAsync(Entry(key), Ct);
                await BringToAsync(key, from);
                var at = Start.AddMinutes(10);

                var returned = await Journal.AdvanceAsync(_user, key, to, "transfer-" + key, "reason-" + key, at, Ct);
                var found = await NewStore().FindAsync(_user, key, Ct);

                var moves = TransferJournal.CanMove(from, to);
                Assert.True((moves ? to : from) == returned.State, $"{from} → {to}: returned {returned.State}");
                Assert.Equal(returned, found);
                Assert.Equal(moves, found!.UpdatedAt == at);
                Assert.Equal(moves, found.TransferId == "transfer-" + key);
            }
        }
    }

    [Fact]
    public async Task A_move_without_a_transfer_id_or_reason_keeps_the_ones_recorded()
    {
        await Journal.BeginAsync(Entry("k1"), Ct);
        await Journal.AdvanceAsync(_user, "k1", JournalState.Unknown, "transfer-1", "timed out", Start.AddSeconds(1), Ct);

        var sent = await Journal.AdvanceAsync(_user, "k1", JournalState.Sent, null, null, Start.AddSeconds(2), Ct);

        Assert.Equal(JournalState.Sent, sent.State);
        Assert.Equal("transfer-1", sent.TransferId);
        Assert.Equal("timed out", sent.DeclineReason);
        Assert.Equal(sent, await Journal.FindAsync(_user, "k1", Ct));
    }

    [Fact]
    public async Task Advancing_a_key_never_begun_throws_and_creates_nothing()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() =>
            Journal.AdvanceAsync(_user, "never", JournalState.Sent, "transfer-1", null, Start, Ct));
        await Assert.ThrowsAsync<KeyNotFoundException>(() =>
            Journal.AdvanceAsync(_user, "never", JournalState.Pending, null, null, Start, Ct));

        Assert.Null(await Journal.FindAsync(_user, "never", Ct));
        Assert.Empty(await Journal.UnresolvedAsync(_user, Ct));
    }

    [Fact]
    public async Task Parallel_conflicting_moves_end_in_exactly_one_settled_state()
    {
        await Journal.BeginAsync(Entry("k1"), Ct);
        ITransferJournal[] journals = [Journal, NewStore()];
        JournalState[] targets = [JournalState.Sent, JournalState.Declined, JournalState.Unknown];

        // Only "sent" carries a transfer id and only "declined" a reason, so a second settlement would show.
        var results = await Task.WhenAll(Enumerable.Range(0, 18).Select(i => Task.Run(() =>
        {
            var to = targets[i % 3];
            return journals[i % 2].AdvanceAsync(
                _user, "k1", to, to == JournalState.Sent ? $"transfer-{i}" : null, to == JournalState.Declined ? $"reason-{i}" : null, Start.AddSeconds(i), Ct);
        })));

        var final = (await Journal.FindAsync(_user, "k1", Ct))!;
        Assert.Contains(final.State, new[] { JournalState.Sent, JournalState.Declined });
        Assert.All(results.Where(r => r.IsSettled), r => Assert.Equal(final, r));
        if (final.State == JournalState.Sent)
        {
            Assert.NotNull(final.TransferId);
            Assert.Null(final.DeclineReason);
        }
        else
        {
            Assert.NotNull(final.DeclineReason);
            Assert.Null(final.TransferId);
        }
    }

    [Fact]
    public async Task Unresolved_lists_pending_and_unknown_only_oldest_first_and_only_the_persons_own()
    {
        var other = NewUserId();
        // Key order differs from time order, so the order can only come from the times.
        await Journal.BeginAsync(Entry("a-newest") with { CreatedAt = Start.AddMinutes(3) }, Ct);
        await Journal.BeginAsync(Entry("b-sent") with { CreatedAt = Start.AddMinutes(1) }, Ct);
        await Journal.BeginAsync(Entry("c-unknown") with { CreatedAt = Start.AddMinutes(2) }, Ct);
        await Journal.BeginAsync(Entry("d-declined") with { CreatedAt = Start }, Ct);
        await Journal.BeginAsync(Entry("e-oldest") with { CreatedAt = Start.AddMinutes(-1) }, Ct);
        await Journal.BeginAsync(Entry("f-same-time-as-c") with { CreatedAt = Start.AddMinutes(2) }, Ct);
        await Journal.BeginAsync(Entry("g-unknown-then-sent") with { CreatedAt = Start }, Ct);
        await Journal.BeginAsync(Entry("someone-elses") with { UserId = other, CreatedAt = Start.AddMinutes(-5) }, Ct);
        await Journal.AdvanceAsync(_user, "b-sent", JournalState.Sent, "t-b", null, Start.AddMinutes(4), Ct);
        await Journal.AdvanceAsync(_user, "c-unknown", JournalState.Unknown, null, null, Start.AddMinutes(4), Ct);
        await Journal.AdvanceAsync(_user, "d-declined", JournalState.Declined, null, "insufficient funds", Start.AddMinutes(4), Ct);
        await Journal.AdvanceAsync(_user, "g-unknown-then-sent", JournalState.Unknown, null, null, Start.AddMinutes(4), Ct);
        await Journal.AdvanceAsync(_user, "g-unknown-then-sent", JournalState.Sent, "t-g", null, Start.AddMinutes(5), Ct);

        var unresolved = await NewStore().UnresolvedAsync(_user, Ct);

        Assert.Equal(["e-oldest", "c-unknown", "f-same-time-as-c", "a-newest"], unresolved.Select(e => e.IdempotencyKey));
        Assert.Equal([JournalState.Pending, JournalState.Unknown, JournalState.Pending, JournalState.Pending], unresolved.Select(e => e.State));
        Assert.All(unresolved, e => Assert.Equal(_user, e.UserId));
        Assert.Equal("someone-elses", Assert.Single(await Journal.UnresolvedAsync(other, Ct)).IdempotencyKey);
    }

    [Fact]
    public async Task Sent_since_lists_entries_sent_at_or_after_the_moment_only_oldest_first_and_only_the_persons_own()
    {
        var other = NewUserId();
        await Journal.BeginAsync(Entry("a-sent-late") with { CreatedAt = Start.AddMinutes(2) }, Ct);
        await Journal.BeginAsync(Entry("b-sent-early") with { CreatedAt = Start }, Ct);
        await Journal.BeginAsync(Entry("c-sent-at-the-moment") with { CreatedAt = Start.AddMinutes(1) }, Ct);
        await Journal.BeginAsync(Entry("d-declined-late") with { CreatedAt = Start.AddMinutes(2) }, Ct);
        await Journal.BeginAsync(Entry("e-pending") with { CreatedAt = Start.AddMinutes(3) }, Ct);
        await Journal.BeginAsync(Entry("f-unknown-then-sent") with { CreatedAt = Start.AddMinutes(-10) }, Ct);
        await Journal.BeginAsync(Entry("someone-elses") with { UserId = other }, Ct);
        await Journal.AdvanceAsync(_user, "a-sent-late", JournalState.Sent, "t-a", null, Start.AddMinutes(3), Ct);
        await Journal.AdvanceAsync(_user, "b-sent-early", JournalState.Sent, "t-b", null, Start.AddSeconds(30), Ct);
        await Journal.AdvanceAsync(_user, "c-sent-at-the-moment", JournalState.Sent, "t-c", null, Start.AddMinutes(1), Ct);
        await Journal.AdvanceAsync(_user, "d-declined-late", JournalState.Declined, null, "InsufficientFunds", Start.AddMinutes(3), Ct);
        await Journal.AdvanceAsync(_user, "f-unknown-then-sent", JournalState.Unknown, null, null, Start.AddMinutes(-9), Ct);
        await Journal.AdvanceAsync(_user, "f-unknown-then-sent", JournalState.Sent, "t-f", null, Start.AddMinutes(5), Ct);
        await Journal.AdvanceAsync(other, "someone-elses", JournalState.Sent, "t-o", null, Start.AddMinutes(5), Ct);

        var sent = await NewStore().SentSinceAsync(_user, Start.AddMinutes(1), Ct);

        Assert.Equal(["f-unknown-then-sent", "c-sent-at-the-moment", "a-sent-late"], sent.Select(e => e.IdempotencyKey));
        Assert.All(sent, e => Assert.Equal((_user, JournalState.Sent), (e.UserId, e.State)));
        Assert.Equal("t-f", sent[0].TransferId);
        Assert.Empty(await Journal.SentSinceAsync(_user, Start.AddMinutes(6), Ct));
    }

    [Fact]
    public async Task The_same_key_for_two_people_is_two_entries()
    {
        var other = NewUserId();
        await Journal.BeginAsync(Entry("same-key"), Ct);

        var (theirs, created) = await Journal.BeginAsync(Entry("same-key") with { UserId = other, Amount = 5m }, Ct);
        await Journal.AdvanceAsync(other, "same-key", JournalState.Sent, "t-other", null, Start, Ct);

        Assert.True(created);
        Assert.Equal(5m, theirs.Amount);
        Assert.Equal(JournalState.Pending, (await Journal.FindAsync(_user, "same-key", Ct))!.State);
        Assert.Equal(20m, (await Journal.FindAsync(_user, "same-key", Ct))!.Amount);
    }

    [Fact]
    public async Task Entries_survive_a_restart()
    {
        await Journal.BeginAsync(Entry("k1"), Ct);
        await Journal.BeginAsync(Entry("k2"), Ct);
        await Journal.AdvanceAsync(_user, "k1", JournalState.Unknown, null, null, Start.AddSeconds(1), Ct);
        var before = await Journal.FindAsync(_user, "k1", Ct);

        var afterRestart = NewStore();

        Assert.Equal(before, await afterRestart.FindAsync(_user, "k1", Ct));
        Assert.Equal(["k1", "k2"], (await afterRestart.UnresolvedAsync(_user, Ct)).Select(e => e.IdempotencyKey).Order());
        Assert.Equal(JournalState.Sent, (await afterRestart.AdvanceAsync(_user, "k1", JournalState.Sent, "t1", null, Start.AddSeconds(2), Ct)).State);
    }

    [Theory]
    [InlineData("0.01")]
    [InlineData("0.10")]
    [InlineData("20.00")]
    [InlineData("999999.99")]
    [InlineData("1234567890123456.78")]
    [InlineData("0.0000001")]
    public async Task Amounts_round_trip_exactly(string amount)
    {
        var value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);
        await Journal.BeginAsync(Entry("k1") with { Amount = value }, Ct);

        var found = await NewStore().FindAsync(_user, "k1", Ct);

        Assert.Equal(value, found!.Amount);
        Assert.Equal(found, Assert.Single(await Journal.UnresolvedAsync(_user, Ct)));
    }

    private static string NewUserId() => "amzn1.ask.account." + Guid.NewGuid().ToString("N");

    private JournalEntry Entry(string key) => new(
        UserId: _user,
        IdempotencyKey: key,
        PayeeId: "payee-alice",
        PayeeName: "Alice Smith",
        FromAccountId: "acc-checking",
        FromAccountName: "Checking",
        FromAccountLastFour: "1234",
        Amount: 20m,
        Currency: "USD",
        ReservedOn: new DateOnly(2026, 11, 25),
        State: JournalState.Pending,
        CreatedAt: Start,
        UpdatedAt: Start);

    /// <summary>Moves a pending entry to <paramref name="state"/> by allowed steps.</summary>
    private async Task BringToAsync(string key, JournalState state)
    {
        if (state == JournalState.Pending)
        {
            return;
        }

        var moved = await Journal.AdvanceAsync(_user, key, state, null, null, Start.AddMinutes(1), Ct);
        Assert.Equal(state, moved.State);
    }
}
