using VoicePay.Skill.Domain;

namespace VoicePay.Skill.Banking;

public enum AccountType
{
    Checking,
    Savings,
}

/// <summary>
/// A bank account as the person may hear it: nickname and last four digits, never the full number.
/// <paramref name="Nicknames"/> are the other names the customer gave it at the bank ("vacation fund"); a person may
/// name the account by any of them, or by its last four digits.
/// </summary>
public sealed record Account(
    string Id,
    string Nickname,
    AccountType Type,
    string LastFour,
    Money Available,
    Money Current,
    IReadOnlyList<string>? Nicknames = null)
{
    /// <summary>Every name the account answers to: its nickname first.</summary>
    public IEnumerable<string> Names => [Nickname, .. Nicknames ?? []];
}

/// <summary>Someone the person has already set up to pay in the bank's own app.</summary>
public sealed record Payee(
    string Id,
    string DisplayName,
    IReadOnlyList<string> Nicknames,
    string LastFour);

/// <summary>
/// A transfer the person has asked for. The idempotency key makes repeating it harmless. <see cref="NotAfter"/> is the
/// last moment the bank may create it; a request arriving later is refused and creates nothing, so a transfer the bank
/// has not created by then never will be (docs/payments.md). The money goes to <see cref="PayeeId"/>, or, for a move
/// between the person's own accounts, to <see cref="ToAccountId"/>: exactly one of the two is set.
/// </summary>
public sealed record TransferRequest(
    string FromAccountId,
    string? PayeeId,
    Money Amount,
    string? Memo,
    string IdempotencyKey,
    DateTimeOffset? NotAfter = null,
    string? ToAccountId = null);

public enum TransferStatus
{
    Pending,
    Completed,
    Failed,
}

/// <summary>A transfer as the bank holds it: to a payee, or (<see cref="ToAccountId"/>) to another of the person's accounts.</summary>
public sealed record TransferReceipt(
    string Id,
    TransferStatus Status,
    string FromAccountId,
    string? PayeeId,
    Money Amount,
    DateTimeOffset CreatedAt,
    string? ToAccountId = null);

/// <summary>
/// A ledger entry. <c>Counterparty</c> is who was paid or who paid, when the bank knows (a
/// transfer's payee); null for its own entries (opening balance, interest).
/// </summary>
public sealed record Transaction(
    string Id,
    string AccountId,
    DateTimeOffset PostedAt,
    string Description,
    Money Amount,
    string? Counterparty = null);
