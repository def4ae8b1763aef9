using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VoicePay.Skill.Alerts;
using VoicePay.Skill.Banking;
using VoicePay.Skill.Domain;
using VoicePay.Skill.State;
using VoicePay.Skill.Transfers;

namespace VoicePay.Storage.Tests;

/// <summary>A record found by scanning a whole store: where it is (a table, or a kind of item) and all its values as text.</summary>
public sealed record FoundRecord(string Container, string Content);

/// <summary>
/// What every <see cref="IPersonalData"/> must do, checked by scanning the whole store for the person's id rather than
/// by asking the store's own methods (which could miss what they do not know about). Retention is checked per kind
/// of record through <see cref="AssertRetainedUntilAsync"/>: SQLite sweeps, DynamoDB carries TTL values.
/// </summary>
public abstract class PersonalDataContract<TStore> : StoreContract<TStore>
    where TStore : IUserStateStore, ITransferJournal, IAlertStore, IPersonalData, IHandledRequests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly JsonSerializerOptions CamelCase = new(JsonSerializerDefaults.Web);

    private readonly string _user = NewId("amzn1.ask.account.");

    /// <summary>This test's person.</summary>
    protected string User => _user;
    private TStore? _store;

    /// <summary>Where the journal's records are, as <see cref="FoundRecord.Container"/> names it.</summary>
    protected abstract string JournalContainer { get; }

    /// <summary>Where the "forgotten" tombstones are.</summary>
    protected abstract string TombstoneContainer { get; }

    protected TStore Store => _store ??= NewStore();

    /// <summary>Every record anywhere in the store with <paramref name="text"/> in any of its values.</summary>
    protected abstract Task<IReadOnlyList<FoundRecord>> ScanAsync(string text);

    /// <summary>
    /// The records holding <paramref name="token"/> (at least one) are kept until <paramref name="expiresAt"/> and go
    /// then; null: they never expire.
    /// </summary>
    protected abstract Task AssertRetainedUntilAsync(TStore store, string token, DateTimeOffset? expiresAt);

    /// <summary>
    /// How often <paramref name="needle"/> occurs in the bytes the store keeps, as it keeps them (for SQLite the
    /// database file, its write-ahead log and shared-memory index; for DynamoDB every attribute of every item), not
    /// only in the rows a query sees: deleted data left in free pages or an old log frame would still be readable.
    /// </summary>
    protected abstract Task<int> CountBytesAsync(byte[] needle);

    [Fact]
    public async Task Forgetting_leaves_no_byte_of_the_person_in_the_storage()
    {
        var person = PersonalBytes.For(_user);
        var other = PersonalBytes.For(NewId("amzn1.ask.account."));
        await GiveEverythingSettledAsync(person);
        await GiveEverythingSettledAsync(other);
        foreach (var (name, needle) in person.Needles)
        {
            Assert.True(await CountBytesAsync(needle) > 0, name + " must be stored before the person is forgotten");
        }

        await Store.ForgetAsync(_user, Now, Ct);

        foreach (var (name, needle) in person.Needles)
        {
            Assert.True(await CountBytesAsync(needle) == 0, name + " of the forgotten person is still in the stored bytes");
        }

        foreach (var (name, needle) in other.Needles)
        {
            Assert.True(await CountBytesAsync(needle) > 0, name + " of someone else must stay");
        }
    }

    [Fact]
    public async Task Forgetting_leaves_no_record_of_the_person_but_the_unknown_transfers_and_a_tombstone()
    {
        await GiveEverythingAsync(_user);
        var other = NewId("amzn1.ask.account.");
        await GiveEverythingAsync(other);
        await Store.SaveCursorAsync("bank", "cursor-1", Ct);
        var othersBefore = await ScanAsync(other);

        await Store.ForgetAsync(_user, Now, Ct);

        var left = await ScanAsync(_user);
        Assert.Equal(3, left.Count);
        Assert.Single(left, r => r.Container == JournalContainer && r.Content.Contains(Key(_user, "unknown"), StringComparison.Ordinal));
        Assert.Single(left, r => r.Container == JournalContainer && r.Content.Contains(Key(_user, "pending"), StringComparison.Ordinal));
        var tombstone = Assert.Single(left, r => r.Container == TombstoneContainer);
        Assert.DoesNotContain("Alice", tombstone.Content, StringComparison.Ordinal);
        Assert.DoesNotContain(Key(_user, "unknown"), tombstone.Content, StringComparison.Ordinal);

        // Nobody else lost anything, and the bank feed's cursor (nobody's) stays.
        Assert.Equal(Sorted(othersBefore), Sorted(await ScanAsync(other)));
        Assert.Equal("cursor-1", await Store.GetCursorAsync("bank", Ct));
        Assert.Null(await Store.GetPinAsync(PinHolder.Account(_user), Ct));
        Assert.Null(await Store.GetLinkAsync(_user, Ct));
        Assert.Empty(await Store.UnheardAsync(_user, Ct));
        Assert.Equal(
            [Key(_user, "pending"), Key(_user, "unknown")],
            (await Store.UnresolvedAsync(_user, Ct)).Select(e => e.IdempotencyKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_kept_transfers_go_once_they_settle_and_the_sweep_runs()
    {
        await GiveEverythingAsync(_user);
        await Store.ForgetAsync(_user, Now, Ct);

        // Unsettled, the sweep keeps them however often it runs.
        await Store.SweepAsync(Now, Ct);
        Assert.Equal(3, (await ScanAsync(_user)).Count);

        Time.Advance(TimeSpan.FromMinutes(5));
        await Store.AdvanceAsync(_user, Key(_user, "unknown"), JournalState.Sent, "t-9", null, Now, Ct);
        await Store.SweepAsync(Now, Ct);
        Assert.Equal(2, (await ScanAsync(_user)).Count);

        await Store.AdvanceAsync(_user, Key(_user, "pending"), JournalState.Declined, null, "insufficient_funds", Now, Ct);
        Assert.True(await NewStore().SweepAsync(Now, Ct) >= 2);

        Assert.Empty(await ScanAsync(_user));
    }

    [Fact]
    public async Task Forgetting_someone_with_nothing_unsettled_leaves_nothing_at_all()
    {
        await Store.SetPinAsync(PinHolder.Account(_user), Pin(), Ct);
        await Store.LinkAsync(_user, "cust-1", Now, Ct);
        await Store.BeginAsync(Entry(_user, "sent"), Ct);
        await Store.AdvanceAsync(_user, Key(_user, "sent"), JournalState.Sent, "t-1", null, Now, Ct);

        await Store.ForgetAsync(_user, Now, Ct);

        Assert.Empty(await ScanAsync(_user));
        await Store.ForgetAsync(_user, Now, Ct);
        Assert.Empty(await ScanAsync(_user));
    }

    [Fact]
    public async Task A_legacy_unresolved_transfer_is_kept_as_an_unknown_journal_entry_and_its_old_record_goes()
    {
        var legacy = new LegacyPendingTransfer(Key(_user, "legacy"), "payee-alice", "Alice Smith", "acc-1", "Checking", "1234", 20m, "USD", Today);
        var json = JsonSerializer.Serialize(legacy, CamelCase);
        await Store.SaveConversationAsync(_user, LegacyUnresolvedTransfer.SessionKey, json, Now.AddDays(30), Ct);

        await Store.ForgetAsync(_user, Now, Ct);

        var left = await ScanAsync(_user);
        Assert.Equal(
            new[] { JournalContainer, TombstoneContainer }.Order(StringComparer.Ordinal),
            left.Select(r => r.Container).Order(StringComparer.Ordinal));
        Assert.Null(await Store.GetConversationAsync(_user, LegacyUnresolvedTransfer.SessionKey, Ct));
        var kept = Assert.Single(await Store.UnresolvedAsync(_user, Ct));
        Assert.Equal((Key(_user, "legacy"), JournalState.Unknown, 20m), (kept.IdempotencyKey, kept.State, kept.Amount));
    }

    // Retention, per kind of record

    [Fact]
    public async Task Conversations_are_kept_until_they_expire()
    {
        var session = NewId("session-");
        await Store.SaveConversationAsync(_user, session, "{}", Now.AddMinutes(10), Ct);

        await AssertRetainedUntilAsync(Store, session, Now.AddMinutes(10));
    }

    [Fact]
    public async Task Answers_to_requests_are_kept_until_their_replay_window_ends()
    {
        var request = NewId("request-");
        await Store.TryClaimRequestAsync(_user, request, Now, Now.AddSeconds(150), Ct);
        await Store.SaveResponseAsync(_user, request, System.Text.Encoding.UTF8.GetBytes("Your balance is $25.00"), Now.AddSeconds(150), Ct);

        await AssertRetainedUntilAsync(Store, request, Now.AddSeconds(150));
    }

    [Fact]
    public async Task Daily_reservations_are_kept_two_days_after_their_day_began()
    {
        var key = NewId("reservation-");
        Assert.True(await Store.TryReserveDailyAmountAsync(_user, Today, key, Money.Of(5m, "USD"), Money.Of(100m, "USD"), Ct));

        await AssertRetainedUntilAsync(Store, key, new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Settled_transfers_are_kept_thirty_days_after_settling_and_unsettled_ones_for_good()
    {
        await Store.BeginAsync(Entry(_user, "sent"), Ct);
        await Store.BeginAsync(Entry(_user, "declined"), Ct);
        await Store.BeginAsync(Entry(_user, "unknown"), Ct);
        await Store.BeginAsync(Entry(_user, "pending"), Ct);
        var settledAt = Now.AddHours(1);
        await Store.AdvanceAsync(_user, Key(_user, "sent"), JournalState.Sent, "t-1", null, settledAt, Ct);
        await Store.AdvanceAsync(_user, Key(_user, "declined"), JournalState.Declined, null, "limit", settledAt.AddMinutes(1), Ct);
        await Store.AdvanceAsync(_user, Key(_user, "unknown"), JournalState.Unknown, null, null, settledAt, Ct);

        await AssertRetainedUntilAsync(Store, Key(_user, "sent"), settledAt.AddDays(30));
        await AssertRetainedUntilAsync(Store, Key(_user, "declined"), settledAt.AddMinutes(1).AddDays(30));
        await AssertRetainedUntilAsync(Store, Key(_user, "unknown"), null);
        await AssertRetainedUntilAsync(Store, Key(_user, "pending"), null);
    }

    [Fact]
    public async Task Heard_alerts_are_kept_seven_days_after_hearing_and_unheard_ones_thirty_days_after_they_happened()
    {
        var heard = NewId("event-");
        var unheard = NewId("event-");
        await Store.AddAsync(Alert(_user, heard), Ct);
        await Store.AddAsync(Alert(_user, unheard) with { Delivery = DeliveryState.Failed }, Ct);
        var heardAt = Now.AddHours(2);
        await Store.MarkHeardAsync(_user, [heard], heardAt, Ct);

        await AssertRetainedUntilAsync(Store, heard, heardAt.AddDays(7));
        await AssertRetainedUntilAsync(Store, unheard, Now.AddDays(30));
    }

    [Fact]
    public async Task The_pin_its_attempts_and_the_link_are_kept_until_the_person_goes()
    {
        // The lockout is persistent (security test 2.4.4): deleting attempts on a timer would unlock a guesser.
        await Store.SetPinAsync(PinHolder.Account(_user), Pin(), Ct);
        await Store.UpdatePinAttemptsAsync(PinHolder.Account(_user), w => w.Claim("request-1", 3, Now), Ct);
        await Store.LinkAsync(_user, "cust-1", Now, Ct);
        await Store.SetSubscribedAsync(_user, true, Now, Ct);

        await AssertRetainedUntilAsync(Store, _user, null);
    }

    protected static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N");

    /// <summary>A person's records with nothing unsettled (unknown transfers are kept by design), every value their own.</summary>
    protected async Task GiveEverythingSettledAsync(PersonalBytes person)
    {
        var user = person.UserId;
        await Store.SetPinAsync(PinHolder.Account(user), new StoredPin("PBKDF2-HMACSHA256", person.PinSalt, person.PinHash, 210_000), Ct);
        await Store.UpdatePinAttemptsAsync(PinHolder.Account(user), w => w.Claim("request-1", 3, Now), Ct);

        // A recognized member of the household's own PIN and attempts (issue 19, item 5) go with the account's.
        var member = new PinHolder(user, person.PersonId);
        await Store.SetPinAsync(member, new StoredPin(LocalPinMacName, person.PersonPinSalt, person.PinHash, 0), Ct);
        await Store.UpdatePinAttemptsAsync(member, w => w.Claim("request-2", 3, Now), Ct);
        await Store.TryReserveDailyAmountAsync(user, Today, Key(user, "sent"), Money.Of(20m, "USD"), Money.Of(100m, "USD"), Ct);
        await Store.SaveConversationAsync(user, "session-1", """{"phase":"ReadBack"}""", Now.AddMinutes(10), Ct);
        await Store.LinkAsync(user, "cust-" + user[^8..], Now, Ct);
        await Store.SetSubscribedAsync(user, true, Now, Ct);
        var merchant = Encoding.UTF8.GetString(person.Merchant);
        await Store.AddAsync(Alert(user, "event-1") with { Counterparty = merchant }, Ct);
        await Store.AddAsync(Alert(user, "event-2") with { Counterparty = merchant }, Ct);
        await Store.MarkHeardAsync(user, ["event-2"], Now, Ct);
        foreach (var (name, state) in new[] { ("sent", JournalState.Sent), ("declined", JournalState.Declined) })
        {
            await Store.BeginAsync(Entry(user, name) with { PayeeName = Encoding.UTF8.GetString(person.PayeeName) }, Ct);
            await Store.AdvanceAsync(user, Key(user, name), state, state == JournalState.Sent ? "t-1" : null, state == JournalState.Sent ? null : "limit", Now, Ct);
        }
    }

    private static string Key(string user, string name) => name + "-" + user[^8..];

    private static string[] Sorted(IEnumerable<FoundRecord> records) =>
        [.. records.Select(r => r.Container + "|" + r.Content).Order(StringComparer.Ordinal)];

    private const string LocalPinMacName = VoicePay.Skill.Security.LocalPinMac.AlgorithmName;

    private static StoredPin Pin() => new("PBKDF2-HMACSHA256", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], [.. Enumerable.Range(1, 32).Select(b => (byte)b)], 210_000);

    private JournalEntry Entry(string user, string name) => new(
        user, Key(user, name), "payee-alice", "Alice Smith", "acc-checking", "Checking", "1234", 20m, "USD", Today,
        JournalState.Pending, Now, Now);

    private UserAlert Alert(string user, string eventId) => new(
        user, eventId, BankEventKind.SuspectedFraud, Money.Of(950m, "USD"), "Example Store", "1234", Now);

    /// <summary>One of every record a person can have: PIN and attempts, reservations, conversations, link, alerts, and each journal state.</summary>
    private async Task GiveEverythingAsync(string user)
    {
        await Store.SetPinAsync(PinHolder.Account(user), Pin(), Ct);
        await Store.UpdatePinAttemptsAsync(PinHolder.Account(user), w => w.Claim("request-1", 3, Now), Ct);
        await Store.SetPinAsync(new PinHolder(user, "amzn1.ask.person.MEMBER"), Pin(), Ct);
        await Store.UpdatePinAttemptsAsync(new PinHolder(user, "amzn1.ask.person.MEMBER"), w => w.Claim("request-2", 3, Now), Ct);
        await Store.TryReserveDailyAmountAsync(user, Today, Key(user, "sent"), Money.Of(20m, "USD"), Money.Of(100m, "USD"), Ct);
        await Store.TryReserveDailyAmountAsync(user, Today.AddDays(-1), Key(user, "old"), Money.Of(20m, "USD"), Money.Of(100m, "USD"), Ct);
        await Store.SaveConversationAsync(user, "session-1", """{"phase":"ReadBack"}""", Now.AddMinutes(10), Ct);
        await Store.SaveConversationAsync(user, "session-2", "{}", Now.AddMinutes(10), Ct);
        await Store.LinkAsync(user, "cust-" + user[^8..], Now, Ct);
        await Store.SetSubscribedAsync(user, true, Now, Ct);
        await Store.AddAsync(Alert(user, "event-1"), Ct);
        await Store.AddAsync(Alert(user, "event-2"), Ct);
        await Store.MarkHeardAsync(user, ["event-2"], Now, Ct);
        await Store.TryClaimRequestAsync(user, "request-1", Now, Now.AddSeconds(150), Ct);
        await Store.SaveResponseAsync(user, "request-1", System.Text.Encoding.UTF8.GetBytes("You sent $20.00 to Alice Smith."), Now.AddSeconds(150), Ct);
        foreach (var name in new[] { "sent", "declined", "unknown", "pending" })
        {
            await Store.BeginAsync(Entry(user, name), Ct);
        }

        await Store.AdvanceAsync(user, Key(user, "sent"), JournalState.Sent, "t-1", null, Now, Ct);
        await Store.AdvanceAsync(user, Key(user, "declined"), JournalState.Declined, null, "limit", Now, Ct);
        await Store.AdvanceAsync(user, Key(user, "unknown"), JournalState.Unknown, null, null, Now, Ct);
    }
}

/// <summary>What identifies one person in the stored bytes: their id, PIN salt and hash, a payee's name and an alert's merchant.</summary>
public sealed record PersonalBytes(string UserId, byte[] PinSalt, byte[] PinHash, byte[] PayeeName, byte[] Merchant, string PersonId, byte[] PersonPinSalt)
{
    public static PersonalBytes For(string userId) => new(
        userId,
        RandomNumberGenerator.GetBytes(16),
        RandomNumberGenerator.GetBytes(32),
        Encoding.UTF8.GetBytes("Payee " + Guid.NewGuid().ToString("N")),
        Encoding.UTF8.GetBytes("Merchant " + Guid.NewGuid().ToString("N")),
        "amzn1.ask.person." + Guid.NewGuid().ToString("N"),
        RandomNumberGenerator.GetBytes(16));

    public IEnumerable<(string Name, byte[] Needle)> Needles =>
        [("user id", Encoding.UTF8.GetBytes(UserId)), ("PIN salt", PinSalt), ("PIN hash", PinHash), ("payee name", PayeeName), ("alert merchant", Merchant),
            ("person id", Encoding.UTF8.GetBytes(PersonId)), ("person's PIN salt", PersonPinSalt)];
}
