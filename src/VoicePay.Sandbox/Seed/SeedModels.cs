namespace VoicePay.Sandbox.Seed;

/// <summary>A demo customer, reached with a fixed bearer token (the sandbox's stand-in for account linking).</summary>
public sealed record SeedCustomer(
    string Id,
    string Token,
    string Name,
    string Locale,
    IReadOnlyList<SeedAccount> Accounts,
    IReadOnlyList<SeedPayee> Payees,
    IReadOnlyList<SeedTransaction> History);

/// <summary>
/// Type is "checking" or "savings"; the opening balance is in the account's currency. <paramref name="Nicknames"/> are the
/// other names the customer gave the account in the bank's app ("vacation fund"), beside <paramref name="Nickname"/>.
/// </summary>
public sealed record SeedAccount(
    string Id,
    string Nickname,
    string Type,
    string Number,
    string Currency,
    decimal OpeningBalance,
    IReadOnlyList<string>? Nicknames = null)
{
    public string LastFour => Number[^4..];
}

public sealed record SeedPayee(
    string Id,
    string DisplayName,
    IReadOnlyList<string> Nicknames,
    string LastFour);

/// <summary>Past card spending and income, so "recent transactions" has something to read out.</summary>
public sealed record SeedTransaction(
    string AccountId,
    DateTimeOffset PostedAt,
    string Description,
    decimal Amount);
