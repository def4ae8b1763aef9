namespace VoicePay.Sandbox.Seed;

/// <summary>
/// A demo customer, reached with a fixed bearer token (the sandbox's stand-in for account linking). Habits say what
/// the customer's months look like; <see cref="SeedHistory"/> turns them into dated entries.
/// </summary>
public sealed record SeedCustomer(
    string Id,
    string Token,
    string Name,
    string Locale,
    IReadOnlyList<SeedAccount> Accounts,
    IReadOnlyList<SeedPayee> Payees,
    IReadOnlyList<SeedHabit> Habits);

/// <summary>
/// Type is "checking" or "savings". Balance is what the account holds once the history is
/// seeded, in the account's currency: the opening balance is worked out from it, so the demo balances
/// (which scripts and tests read) stay the same whatever day the books are seeded on. <paramref name="Nicknames"/> are the
/// other names the customer gave the account in the bank's app ("vacation fund"), beside <paramref name="Nickname"/>.
/// </summary>
public sealed record SeedAccount(
    string Id,
    string Nickname,
    string Type,
    string Number,
    string Currency,
    decimal Balance,
    IReadOnlyList<string>? Nicknames = null)
{
    public string LastFour => Number[^4..];
}

public sealed record SeedPayee(
    string Id,
    string DisplayName,
    IReadOnlyList<string> Nicknames,
    string LastFour);

/// <summary>When a habit happens: on days of the month (a day past the month's end is its last day), or on days of the week.</summary>
public sealed record SeedSchedule(IReadOnlyList<int> DaysOfMonth, IReadOnlyList<DayOfWeek> DaysOfWeek)
{
    public static SeedSchedule Monthly(params int[] days) => new(days, []);

    public static SeedSchedule Weekly(params DayOfWeek[] days) => new([], days);

    public bool Falls(DateOnly date) =>
        DaysOfWeek.Contains(date.DayOfWeek)
        || DaysOfMonth.Any(d => Math.Min(d, DateTime.DaysInMonth(date.Year, date.Month)) == date.Day);
}

/// <summary>
/// One recurring entry: payroll, rent, coffee. The amount is Min, or varies up to
/// Max by a hash of the date (never random: the same day always has the same amount).
/// Positive is money in. OtherSide is the ledger account on the other side: another of the
/// customer's accounts (a transfer between them), a payee id (a payment to a payee), or null (the outside world).
/// </summary>
public sealed record SeedHabit(
    string AccountId,
    SeedSchedule Schedule,
    string Description,
    string? Counterparty,
    decimal Min,
    decimal? Max = null,
    string? OtherSide = null);

/// <summary>One dated entry of the seeded history.</summary>
public sealed record SeedTransaction(
    string AccountId,
    DateTimeOffset PostedAt,
    string Description,
    decimal Amount,
    string? Counterparty,
    string? OtherSide);
